//! The `extract` command as a researcher runs it.

use std::process::Command;

fn run(args: &[&str]) -> (i32, String, String) {
    run_with_input(args, None)
}

/// Runs the binary, writing `input` to its standard input when given.
fn run_with_input(args: &[&str], input: Option<&[u8]>) -> (i32, String, String) {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_soviets"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    let feeder = input.map(|bytes| {
        let bytes = bytes.to_vec();
        let mut stdin = child.stdin.take().expect("stdin");
        // The binary may stop reading early (over the limit): a broken pipe is fine.
        std::thread::spawn(move || {
            let _ = stdin.write_all(&bytes);
        })
    });
    let out = child.wait_with_output().expect("binary ends");
    if let Some(f) = feeder {
        f.join().expect("feeder");
    }
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A file in a fresh temporary directory, removed by the caller's `cleanup`.
fn temp_file(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("soviets-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    path
}

fn cleanup(path: &std::path::Path) {
    if let Some(dir) = path.parent() {
        std::fs::remove_dir_all(dir).ok();
    }
}

#[test]
fn json_for_all_seeds() {
    let files: Vec<String> = soviets::seeds::SEEDS
        .iter()
        .map(|(n, _)| format!("seeds/{n}"))
        .collect();
    let mut args = vec!["extract"];
    args.extend(files.iter().map(String::as_str));
    let (code, out, err) = run(&args);
    assert_eq!((code, err.as_str()), (0, ""));
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    let docs = v["documents"].as_array().expect("documents");
    assert_eq!(docs.len(), 5);
    assert_eq!(docs[1]["source"], "seeds/001_3d3518b6e59d5438.txt");
    let second = docs[1]["events"]
        .as_array()
        .expect("events")
        .iter()
        .find(|e| e["id"] == "congress-of-soviets-2")
        .expect("second congress");
    let b = &second["factions"][0];
    assert_eq!(
        (
            b["name"].as_str(),
            b["count"].as_u64(),
            b["approximate"].as_bool()
        ),
        (Some("Bolsheviks"), Some(390), Some(false))
    );
    assert!(b["quote"]
        .as_str()
        .expect("quote")
        .contains("390 were Bolshevik"));
    assert_eq!(
        second["presidium"],
        serde_json::Value::Null,
        "001 names no presidium"
    );
    let third = &docs[3]["events"][0];
    assert_eq!(
        third["presidium"]["factions"][1],
        serde_json::json!({"name": "Left SRs", "count": 7})
    );
    assert_eq!(third["central_executive_committee"]["members"], 101);
    let vote = &docs[4]["events"][0]["votes"][0];
    assert_eq!(
        (vote["for"].as_u64(), vote["against"].as_u64()),
        (Some(57), Some(325))
    );
    assert_eq!(vote["abstained"], serde_json::Value::Null);
    assert_eq!(v["conflicts"].as_array().map(Vec::len), Some(4));
}

#[test]
fn csv_has_one_fact_per_row() {
    let (code, out, _) = run(&[
        "extract",
        "--format",
        "csv",
        "seeds/003_098b4567920581ad.txt",
    ]);
    assert_eq!(code, 0);
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("source,event_id,event,fact,subject,count,approximate,for,against,abstained,unanimous,detail,quote"));
    let bolsheviks = out
        .lines()
        .find(|l| l.contains(",faction,Bolsheviks,390,"))
        .expect("Bolsheviks row");
    assert!(bolsheviks.starts_with("seeds/003_098b4567920581ad.txt,congress-of-soviets-2,Second All-Russian Congress of Soviets,faction,"));
    assert!(out
        .lines()
        .any(|l| l.contains(",vote,the Decree of Land,,false,,1,8,false,plenary,")));
}

#[test]
fn missing_file_is_one_line_and_non_zero() {
    let (code, out, err) = run(&["extract", "no/such/file.txt"]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("soviets: cannot read no/such/file.txt: "),
        "{err}"
    );
}

#[test]
fn a_directory_is_refused_cleanly() {
    let (code, _, err) = run(&["extract", "seeds"]);
    assert_eq!(code, 1);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("soviets: cannot read seeds: "), "{err}");
}

#[test]
fn usage_errors() {
    let (code, _, err) = run(&[]);
    assert_eq!(code, 2);
    assert!(err.starts_with("soviets: no command given"));
    let (code, _, err) = run(&[
        "extract",
        "--format",
        "xml",
        "seeds/000_77def8365e1bd7fa.txt",
    ]);
    assert_eq!(code, 2);
    assert!(err.starts_with("soviets: unknown format 'xml'"));
}

#[test]
fn invalid_utf8_is_read_lossily_and_said() {
    let path = temp_file(
        "bad.txt",
        b"The Second Congress of Soviets: 390 Bolsheviks \xff\xfe.",
    );
    let (code, out, _) = run(&["extract", path.to_str().expect("utf-8 path")]);
    assert_eq!(code, 0);
    assert!(out.contains("\"count\": 390"));
    assert!(
        out.contains("not valid UTF-8 from byte 47 on; 2 invalid sequence(s)"),
        "{out}"
    );
    cleanup(&path);
}

#[test]
fn utf16_with_a_byte_order_mark_is_decoded() {
    let text = "The Second All-Russian Congress of Soviets had 649 delegates.";
    for be in [false, true] {
        let mut bytes = if be {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for u in text.encode_utf16() {
            bytes.extend(if be { u.to_be_bytes() } else { u.to_le_bytes() });
        }
        let path = temp_file(if be { "be.txt" } else { "le.txt" }, &bytes);
        let (code, out, err) = run(&["extract", path.to_str().expect("utf-8 path")]);
        assert_eq!((code, err.as_str()), (0, ""));
        let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
        let doc = &v["documents"][0];
        assert_eq!(doc["events"][0]["delegates"][0]["count"], 649);
        assert_eq!(doc["events"][0]["delegates"][0]["quote"], text);
        assert_eq!(doc["warnings"], serde_json::json!([]), "{out}");
        cleanup(&path);
    }
}

#[test]
fn a_dash_reads_standard_input_within_the_limit() {
    let text = b"The First All-Russian Congress of Soviets had 1,090 delegates.";
    let (code, out, err) = run_with_input(&["extract", "-"], Some(text));
    assert_eq!((code, err.as_str()), (0, ""));
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(v["documents"][0]["source"], "-");
    assert_eq!(
        v["documents"][0]["events"][0]["delegates"][0]["count"],
        1090
    );
    // Over 64 MB through a pipe: refused while reading, one line, exit 1.
    let big = vec![b'a'; 64 * 1024 * 1024 + 10];
    let (code, out, err) = run_with_input(&["extract", "-"], Some(&big));
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert_eq!(
        err, "soviets: - is over the limit of 67108864 bytes\n",
        "{err}"
    );
    // A device or pipe named as a file is held to the same limit.
    let (code, _, err) = run_with_input(&["extract", "/dev/stdin"], Some(&big));
    assert_eq!(code, 1);
    assert_eq!(
        err, "soviets: /dev/stdin is over the limit of 67108864 bytes\n",
        "{err}"
    );
}

#[test]
fn help_version_and_unknown_options() {
    for args in [&["--help"][..], &["-h"], &["extract", "--help"]] {
        let (code, out, err) = run(args);
        assert_eq!((code, err.as_str()), (0, ""), "{args:?}");
        assert!(out.starts_with("usage: soviets extract"), "{out}");
    }
    let (code, out, _) = run(&["--version"]);
    assert_eq!((code, out.trim()), (0, "soviets 0.1.0"));
    for (args, want) in [
        (
            &["extract", "--verbose", "seeds"][..],
            "unknown option '--verbose'",
        ),
        (&["--verbose"], "unknown option '--verbose'"),
        (&["extract", "--format="], "--format needs json or csv"),
        (&["extract", "--format=xml", "x"], "unknown format 'xml'"),
        (&["extract", "--format"], "--format needs json or csv"),
    ] {
        let (code, out, err) = run(args);
        assert_eq!(code, 2, "{args:?}");
        assert!(out.is_empty());
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.starts_with(&format!("soviets: {want}")), "{err}");
        assert!(err.contains("; usage: soviets extract"), "{err}");
    }
    // After "--", a name starting with '-' is a file.
    let (code, _, err) = run(&["extract", "--", "--verbose"]);
    assert_eq!(code, 1);
    assert!(err.starts_with("soviets: cannot read --verbose: "), "{err}");
}

#[test]
fn csv_cells_cannot_run_as_formulas() {
    let path = temp_file(
        "formula.txt",
        b"Second Congress\n=HYPERLINK(\"http://example.com\",\"x\") 390 Bolsheviks attended.\n",
    );
    let (code, out, _) = run(&[
        "extract",
        "--format=csv",
        path.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(code, 0);
    let row = out
        .lines()
        .find(|l| l.contains(",faction,Bolsheviks,390,"))
        .expect("the Bolsheviks row");
    assert!(
        row.ends_with(
            ",\"'=HYPERLINK(\"\"http://example.com\"\",\"\"x\"\") 390 Bolsheviks attended.\""
        ),
        "{row}"
    );
    assert!(!out.lines().any(|l| l.contains(",=")), "{out}");
    cleanup(&path);
}
