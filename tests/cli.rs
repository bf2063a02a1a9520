//! The `extract` command as a researcher runs it.

use std::process::Command;

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_soviets"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
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
fn invalid_utf8_is_read_lossily() {
    let dir = std::env::temp_dir().join(format!("soviets-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("bad.txt");
    std::fs::write(
        &path,
        b"The Second Congress of Soviets: 390 Bolsheviks \xff\xfe.",
    )
    .expect("write");
    let (code, out, _) = run(&["extract", path.to_str().expect("utf-8 path")]);
    assert_eq!(code, 0);
    assert!(out.contains("\"count\": 390"));
    std::fs::remove_dir_all(&dir).ok();
}
