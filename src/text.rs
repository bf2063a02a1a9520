//! A hand-written tokenizer: text → lines → sentences → tokens, with byte
//! offsets into the original text kept throughout.
//!
//! It knows the orthography of the sources: thousands separators ("1,090"),
//! clock times ("22:40", "05.00"), abbreviations whose periods do not end a
//! sentence ("V.I.", "S.R.s", "R.S.D.L.P.(B.)", "No."), curly apostrophes,
//! and ellipses. Every step is a single forward pass, so the whole is linear
//! in the input.

/// Bytes kept of a normalised word. Every word the parser looks for is
/// shorter; longer words are cut, which cannot make them match.
const WORD_CAP: usize = 22;

/// A normalised word stored inline, so tokens are `Copy` and tokenizing
/// allocates nothing per word: lower-case ASCII letters, apostrophes and
/// "(b)". A word with other letters (Cyrillic, accents) matches nothing the
/// parser looks for and is kept empty.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct Word {
    len: u8,
    foreign: bool,
    /// The word as a keyword, looked up once when the word is read, so
    /// readers compare a number instead of a string.
    kw: Kw,
    buf: [u8; WORD_CAP],
}

impl Word {
    fn new() -> Word {
        Word {
            len: 0,
            foreign: false,
            kw: Kw::None,
            buf: [0; WORD_CAP],
        }
    }

    /// Appends an ASCII byte; anything else is refused, which keeps the
    /// invariant [`Word::as_str`] relies on.
    fn push(&mut self, b: u8) {
        if b.is_ascii() && usize::from(self.len) < WORD_CAP {
            self.buf[usize::from(self.len)] = b;
            self.len += 1;
        }
    }

    /// The word of the `len` bytes packed little-endian in `acc`,
    /// lower-case ASCII letters, with its keyword.
    #[inline(always)]
    fn packed(acc: [u64; 3], len: usize) -> Word {
        let [a, b, c] = acc.map(u64::to_le_bytes);
        Word {
            len: len.min(WORD_CAP) as u8,
            foreign: false,
            kw: keyword_of(acc),
            buf: [
                a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], b[0], b[1], b[2], b[3], b[4], b[5],
                b[6], b[7], c[0], c[1], c[2], c[3], c[4], c[5],
            ],
        }
    }

    /// Sets the word to the `len` bytes packed little-endian in `acc`,
    /// lower-case ASCII letters.
    fn set(&mut self, acc: [u64; 3], len: usize) {
        let [a, b, c] = acc.map(u64::to_le_bytes);
        self.buf[..8].copy_from_slice(&a);
        self.buf[8..16].copy_from_slice(&b);
        self.buf[16..].copy_from_slice(&c[..WORD_CAP - 16]);
        self.len = len.min(WORD_CAP) as u8;
    }

    fn push_str(&mut self, s: &str) {
        s.bytes().for_each(|b| self.push(b));
    }

    /// The word. This is the tokenizer's hottest call, so it skips UTF-8
    /// validation: sound because [`Word::push`] stores only ASCII bytes.
    #[allow(unsafe_code)]
    pub fn as_str(&self) -> &str {
        if self.foreign {
            return "";
        }
        let bytes = &self.buf[..usize::from(self.len)];
        debug_assert!(bytes.is_ascii());
        // SAFETY: every byte in `buf[..len]` was written by `push`, which
        // accepts ASCII only, and ASCII is valid UTF-8.
        unsafe { std::str::from_utf8_unchecked(bytes) }
    }
}

impl std::fmt::Debug for Word {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self.as_str())
    }
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A word, lower-cased, periods of abbreviations removed, curly
    /// apostrophes straightened: "S.R.s" → "srs", "Workers’" → "workers'".
    Word(Word),
    /// A number written with digits; `ordinal` for "1st", "2nd".
    Num { value: u64, ordinal: bool },
    /// A clock time such as "22:40" or "05.00": never a count.
    Time,
    /// Any other character: `( ) , ; : . ! ? " - –` and so on.
    Punct(char),
    /// ". . ." or "..." or "…".
    Ellipsis,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// Whether whitespace comes before the token.
    pub space_before: bool,
    /// Whether the original text starts with an upper-case letter.
    pub capital: bool,
}

impl Token {
    pub fn word(&self) -> &str {
        match &self.kind {
            Kind::Word(w) => w.as_str(),
            _ => "",
        }
    }
    /// The word as a keyword; [`Kw::None`] for any other word or token.
    pub fn kw(&self) -> Kw {
        match &self.kind {
            Kind::Word(w) => w.kw,
            _ => Kw::None,
        }
    }
    /// Whether the token is the word `k`.
    pub fn is(&self, k: Kw) -> bool {
        self.kw() == k
    }
    /// Value of a number written as a word ("one" … "ninety"), read from
    /// the keyword (a test holds it to `number_word`).
    pub fn number_word(&self) -> Option<u64> {
        number_value(self.kw())
    }
    /// Month number of a month name or its abbreviation, read from the
    /// keyword (a test holds it to `month`).
    pub fn month(&self) -> Option<u8> {
        month_value(self.kw())
    }
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }
    pub fn num(&self) -> Option<u64> {
        match self.kind {
            Kind::Num {
                value,
                ordinal: false,
            } => Some(value),
            _ => None,
        }
    }
}

/// A sentence or a heading, with its tokens.
#[derive(Debug, Clone)]
pub(crate) struct Sentence {
    pub start: usize,
    pub end: usize,
    pub tokens: Vec<Token>,
    /// A short line with no closing punctuation: a title, a heading, a date line.
    pub heading: bool,
    /// Index (in the sentence list) of the line ending in ':' that introduces
    /// this list item, if it is one.
    pub lead: Option<usize>,
    /// The sentence was longer than [`MAX_SENTENCE`] and this piece of it
    /// was cut before (`cut_start`) or after (`cut_end`) its text.
    pub cut_start: bool,
    pub cut_end: bool,
}

/// Longest sentence, in bytes, kept whole. A longer one (a text without
/// sentence-ending punctuation, say) is cut into pieces of about half this
/// length (the last one at most this length), at a comma, semicolon, colon
/// or bracket in the second half of the piece when there is one, else
/// between two tokens. The longest sentence of the seeds is 556 bytes.
pub(crate) const MAX_SENTENCE: usize = crate::model::MAX_QUOTE;

/// Most digits read into one number token; a longer run of digits goes on
/// as further tokens, so no token is longer than a bounded length.
const MAX_DIGITS: usize = 24;

/// Longest token kept as a word; longer runs are cut (the rest becomes
/// further tokens), which bounds the cost of any single token.
const MAX_WORD: usize = 64;

/// Words whose following period never ends a sentence.
const ABBREVIATIONS: &[&str] = &[
    "no", "nos", "st", "mr", "mrs", "dr", "vs", "cf", "gen", "col", "lt", "capt", "prof", "vol",
    "pp", "p", "ch", "art", "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Splits `text` (which starts at byte `offset` of the document) into lines
/// and sentences.
#[cfg(test)]
pub(crate) fn sentences(text: &str, offset: usize) -> Vec<Sentence> {
    let mut out = Vec::new();
    each_sentence(text, offset, |s| {
        out.push(s);
        Vec::new()
    });
    out
}

/// Closing quotes and brackets that stay with the sentence they close.
fn closing(t: &Token) -> bool {
    matches!(t.kind, Kind::Punct('"' | '”' | '’' | ')' | '»')) && !t.space_before
}

/// Calls `f` with each line's sentences in turn, `text` starting at byte
/// `offset` of the document. One forward pass that holds one sentence's
/// tokens at a time, so memory stays bounded by [`MAX_SENTENCE`] whatever
/// the length of a line. `f` may hand back the sentence's token buffer,
/// emptied, to be filled again: then no sentence allocates.
pub(crate) fn each_sentence(text: &str, offset: usize, mut f: impl FnMut(Sentence) -> Vec<Token>) {
    let mut lead: Option<usize> = None;
    // A token buffer to fill next.
    let mut spare: Vec<Token> = Vec::with_capacity(48);
    let mut count = 0usize;
    let mut line_start = 0;
    // A lone CR ends a line too (old Mac files); "\r\n" gives an empty line,
    // which is skipped.
    while line_start < text.len() {
        let len = line_len(&text.as_bytes()[line_start..]);
        // Cut after an ASCII byte or at the end: a character boundary.
        let line = text.get(line_start..line_start + len).unwrap_or("");
        let body = line.trim_end();
        let base = offset + line_start;
        line_start += len;
        let trimmed = body.trim_start();
        if trimmed.is_empty() {
            continue;
        }
        if !starts_with_number(trimmed) && (lead.is_none() || lead != count.checked_sub(1)) {
            lead = None;
        }
        let heading = is_heading(trimmed, base);
        let first_index = count;
        // Hands a sentence to `f`, and returns an empty buffer to go on with.
        let mut emit = |toks: Vec<Token>, cut_start: bool, cut_end: bool| {
            let (Some(a), Some(b)) = (toks.first(), toks.last()) else {
                return toks;
            };
            let (start, end) = (a.start, b.end);
            let mut back = f(Sentence {
                start,
                end,
                tokens: toks,
                heading,
                lead: if count == first_index { lead } else { None },
                cut_start,
                cut_end,
            });
            count += 1;
            back.clear();
            back
        };
        let mut tokens = Tokens {
            line: body,
            base,
            i: 0,
            space: true,
        };
        let mut buf: Vec<Token> = std::mem::take(&mut spare);
        // How many of `buf`'s tokens are numbers.
        let mut numbers = 0;
        let mut cut_start = false;
        let mut pending = tokens.next();
        while let Some(t) = pending {
            if let Some(first) = buf.first() {
                // Past the first cut, a piece also ends before a number once
                // it holds `PIECE_NUMBERS`, so no piece yields more facts
                // than that, each quoting it.
                let full = cut_start && is_number(&t) && numbers >= PIECE_NUMBERS;
                if full || t.end - first.start > MAX_SENTENCE {
                    let cut = piece_end(&buf);
                    // What is left goes on in a buffer with room to grow.
                    let left = buf.get(cut + 1..).unwrap_or_default();
                    let mut rest = std::mem::take(&mut spare);
                    rest.reserve(left.len().max(48));
                    rest.extend_from_slice(left);
                    buf.truncate(cut + 1);
                    numbers = rest.iter().filter(|b| is_number(b)).count();
                    spare = emit(std::mem::replace(&mut buf, rest), cut_start, true);
                    cut_start = true;
                    // `t` is looked at again against what is left.
                    continue;
                }
            }
            buf.push(t);
            numbers += usize::from(is_number(&t));
            pending = tokens.next();
            if !heading && matches!(t.kind, Kind::Punct('.' | '!' | '?')) {
                // Keep closing quotes and brackets with the sentence they close.
                let mut kept = 0;
                while let Some(q) = pending.filter(|q| closing(q) && kept < 16) {
                    buf.push(q);
                    kept += 1;
                    pending = tokens.next();
                }
                let ends = pending.is_none_or(|next| {
                    next.space_before
                        && (next.capital
                            || matches!(
                                next.kind,
                                Kind::Num { .. } | Kind::Punct('"' | '“' | '«' | '(')
                            ))
                });
                if ends {
                    let next = std::mem::take(&mut spare);
                    spare = emit(std::mem::replace(&mut buf, next), cut_start, false);
                    numbers = 0;
                    cut_start = false;
                }
            }
        }
        spare = emit(buf, cut_start, false);
        // A line ending in ':' introduces the lines that follow it.
        if body.ends_with(':') && count > first_index {
            lead = Some(count - 1);
        }
    }
}

/// Length of the line at the start of `rest`, its LF or CR included.
/// Eight bytes at a time while none of them ends a line.
fn line_len(rest: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    // Whether some byte of `x` is zero.
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & (ONES << 7) != 0;
    let mut k = 0;
    for chunk in rest.chunks_exact(8) {
        let mut b = [0u8; 8];
        b.copy_from_slice(chunk);
        let x = u64::from_le_bytes(b);
        if zero(x ^ (ONES * u64::from(b'\n'))) || zero(x ^ (ONES * u64::from(b'\r'))) {
            break;
        }
        k += 8;
    }
    let tail = rest.get(k..).unwrap_or_default();
    tail.iter()
        .position(|&b| b == b'\n' || b == b'\r')
        .map_or(rest.len(), |p| k + p + 1)
}

/// Most numbers in one piece of a sentence too long to keep whole. Each fact
/// quotes its whole piece, and nearly every fact needs a number, so this
/// bounds the quoted bytes to a few times the text: a run-on list of counts
/// ("5 SRs 7 SRs 9 SRs …") would otherwise quote 300 bytes per 6 bytes read.
const PIECE_NUMBERS: usize = 4;

fn is_number(t: &Token) -> bool {
    matches!(t.kind, Kind::Num { .. })
}

/// Where to cut a piece off the start of a sentence too long to keep whole:
/// the index of its last token. A piece is about half of [`MAX_SENTENCE`]
/// long, holds at most [`PIECE_NUMBERS`] numbers, and ends after a comma, semicolon, colon or closing bracket in its
/// second half when there is one, else between two tokens.
fn piece_end(buf: &[Token]) -> usize {
    let Some(first) = buf.first() else { return 0 };
    let piece = MAX_SENTENCE / 2;
    let mut last = 0;
    // The last soft end in the piece's second half, and the last anywhere.
    let (mut soft, mut any_soft) = (None, None);
    let mut numbers = 0;
    let mut long = false;
    for (k, t) in buf.iter().enumerate() {
        let len = t.end - first.start;
        numbers += usize::from(is_number(t));
        if k > 0 && (len > piece || numbers > PIECE_NUMBERS) {
            long = len > piece;
            break;
        }
        last = k;
        if k > 0 && matches!(t.kind, Kind::Punct(',' | ';' | ':' | ')')) {
            any_soft = Some(k);
            if len >= piece / 2 {
                soft = Some(k);
            }
        }
    }
    // A piece that its numbers end early still ends at a comma if it has one.
    soft.or(any_soft.filter(|_| !long)).unwrap_or(last)
}

fn starts_with_number(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// A heading: a short line that does not end like a sentence and is not a
/// numbered or bulleted list item.
fn is_heading(line: &str, base: usize) -> bool {
    let last = line.chars().last().unwrap_or('.');
    // The cheap tests first: most lines of prose end with a full stop.
    line.len() <= 160
        && !matches!(last, '.' | '!' | '?' | ':' | ';' | ',' | '"' | '”')
        && !starts_with_number(line)
        && !line.starts_with('*')
        && !line.starts_with('-')
        && Tokens {
            line,
            base,
            i: 0,
            space: true,
        }
        .nth(24)
        .is_none()
}

/// Tokenizes one line; `base` is the line's byte offset in the document.
pub(crate) fn tokenize(line: &str, base: usize) -> Vec<Token> {
    Tokens {
        line,
        base,
        i: 0,
        space: true,
    }
    .collect()
}

/// The tokens of one line, read one at a time.
struct Tokens<'a> {
    line: &'a str,
    /// The line's byte offset in the document.
    base: usize,
    /// Where reading goes on.
    i: usize,
    /// Whether whitespace came before `i`.
    space: bool,
}

impl Iterator for Tokens<'_> {
    type Item = Token;

    #[inline]
    fn next(&mut self) -> Option<Token> {
        let line = self.line;
        let bytes = line.as_bytes();
        let mut i = self.i;
        while i < line.len() {
            // ASCII fast path; other characters are decoded.
            let b = bytes[i];
            let c = if b.is_ascii() {
                b as char
            } else {
                line[i..].chars().next()?
            };
            if c.is_whitespace() {
                self.space = true;
                i += c.len_utf8();
                continue;
            }
            let start = i;
            let kind;
            if c.is_ascii_digit() {
                let (k, end) = lex_number(bytes, i);
                kind = k;
                i = end;
            } else if c.is_alphabetic() {
                let (k, end) = lex_word(line, i);
                kind = k;
                i = end;
            } else if c == '.' && (line[i..].starts_with("...") || line[i..].starts_with(". . .")) {
                i += if line[i..].starts_with("...") { 3 } else { 5 };
                // A long run of dots is several tokens, so a token stays short.
                let mut extra = 0;
                while extra < MAX_DIGITS && line[i..].starts_with('.') {
                    i += 1;
                    extra += 1;
                }
                kind = Kind::Ellipsis;
            } else if c == '…' {
                i += c.len_utf8();
                kind = Kind::Ellipsis;
            } else {
                i += c.len_utf8();
                let c = match c {
                    '“' | '”' | '„' => '"',
                    '—' | '–' | '‒' => '–',
                    _ => c,
                };
                kind = Kind::Punct(c);
            }
            let t = Token {
                start: self.base + start,
                end: self.base + i,
                capital: c.is_uppercase(),
                kind,
                space_before: self.space,
            };
            self.space = false;
            self.i = i;
            return Some(t);
        }
        self.i = i;
        None
    }
}

/// Reads digits at `i`: "1,090" (thousands), "22:40" and "05.00" (times),
/// "1st" (ordinal), or a plain number.
fn lex_number(b: &[u8], mut i: usize) -> (Kind, usize) {
    let start = i;
    let digits = |b: &[u8], mut j: usize| {
        let from = j;
        while j < b.len() && b[j].is_ascii_digit() && j - from < MAX_DIGITS {
            j += 1;
        }
        j
    };
    i = digits(b, i);
    let lead_len = i - start;
    // Clock time: 1–2 digits, ':' or '.', exactly 2 digits.
    if lead_len <= 2 && matches!(b.get(i), Some(b':' | b'.')) {
        let j = digits(b, i + 1);
        if j == i + 3 && !b.get(j).is_some_and(|c| c.is_ascii_alphanumeric()) {
            return (Kind::Time, j);
        }
    }
    // Thousands separators: ",ddd" groups not followed by another digit.
    while b.get(i) == Some(&b',') && i - start < 2 * MAX_DIGITS {
        let j = digits(b, i + 1);
        if j == i + 4 && lead_len <= 3 {
            i = j;
        } else {
            break;
        }
    }
    // Saturate absurdly long digit runs instead of failing. A run longer
    // than one token is several tokens, each saturated, so no piece of it
    // reads as a small number.
    let run = start.checked_sub(1).is_some_and(|p| b[p].is_ascii_digit())
        || b.get(i).is_some_and(u8::is_ascii_digit);
    let value = if run {
        u64::MAX
    } else {
        b[start..i]
            .iter()
            .filter(|c| c.is_ascii_digit())
            .fold(0u64, |v, &c| {
                v.saturating_mul(10).saturating_add(u64::from(c - b'0'))
            })
    };
    let suffix = |s: &[u8]| b.len() >= i + 2 && b[i..i + 2].eq_ignore_ascii_case(s);
    if (suffix(b"st") || suffix(b"nd") || suffix(b"rd") || suffix(b"th"))
        && !b.get(i + 2).is_some_and(|c| c.is_ascii_alphabetic())
    {
        return (
            Kind::Num {
                value,
                ordinal: true,
            },
            i + 2,
        );
    }
    (
        Kind::Num {
            value,
            ordinal: false,
        },
        i,
    )
}

/// Reads a word at `i`, with abbreviation periods ("V.I.", "S.R.s"),
/// apostrophes ("workers'", "Lenin's") and a party suffix "(b)".
#[inline(always)]
fn lex_word(line: &str, start: usize) -> (Kind, usize) {
    let bytes = line.as_bytes();
    let mut norm = Word::new();
    let mut i = start;
    let mut letters = 0usize;
    let mut segment = 0usize; // letters since the last period
    let mut had_period = false;
    let mut last_s = false;
    // The common case first: a run of ASCII letters, gathered in three
    // machine words (the keyword lookup reads them without a reload).
    // (Three variables rather than an array, so they stay in registers.)
    let (mut a0, mut a1, mut a2) = (0u64, 0u64, 0u64);
    while i < line.len() && letters < MAX_WORD {
        let b = bytes[i];
        if !b.is_ascii_alphabetic() {
            break;
        }
        if letters < WORD_CAP {
            let lower = u64::from(b.to_ascii_lowercase());
            match letters {
                0..8 => a0 |= lower << (letters * 8),
                8..16 => a1 |= lower << ((letters - 8) * 8),
                _ => a2 |= lower << ((letters - 16) * 8),
            }
        }
        last_s = b.eq_ignore_ascii_case(&b's');
        letters += 1;
        segment += 1;
        i += 1;
    }
    let acc = [a0, a1, a2];
    let gathered = letters.min(WORD_CAP);
    // Most words end here, at a space or a comma: the word is made at once
    // from the registers (no byte-wise copy for the token to wait on).
    if bytes
        .get(i)
        .is_none_or(|&b| b.is_ascii() && !matches!(b, b'.' | b'\'' | b'('))
    {
        return (Kind::Word(Word::packed(acc, gathered)), i);
    }
    norm.set(acc, gathered);
    while i < line.len() && letters < MAX_WORD {
        let b = bytes[i];
        if b.is_ascii_alphabetic() {
            norm.push(b.to_ascii_lowercase());
            last_s = b.eq_ignore_ascii_case(&b's');
            letters += 1;
            segment += 1;
            i += 1;
            continue;
        }
        // Any other ASCII byte but a period or an apostrophe ends the word.
        if b.is_ascii() && b != b'.' && b != b'\'' {
            break;
        }
        // ASCII fast path; other characters are decoded.
        let (c, len) = if b.is_ascii() {
            (b as char, 1)
        } else {
            match line[i..].chars().next() {
                Some(c) => (c, c.len_utf8()),
                None => break,
            }
        };
        let next = line[i + len..].chars().next();
        if c.is_ascii_alphabetic() {
            norm.push(b.to_ascii_lowercase());
            last_s = b.eq_ignore_ascii_case(&b's');
        } else if c.is_alphabetic() {
            norm.foreign = true;
            last_s = false;
        } else if c == '.' && segment <= 2 && next.is_some_and(char::is_alphabetic) {
            // Period inside an abbreviation: "S.R", "V.I", "a.m".
            had_period = true;
            segment = 0;
            i += 1;
            continue;
        } else if (c == '\'' || c == '’')
            && (next.is_some_and(char::is_alphabetic) || last_s)
            && !next.is_some_and(|n| n == '\'' || n == '’')
        {
            norm.push(b'\'');
            i += len;
            last_s = false;
            continue;
        } else {
            break;
        }
        letters += 1;
        segment += 1;
        i += len;
    }
    // Trailing period of an abbreviation: "S.R.", "V.I.", "No.", a lone initial "F.".
    if line[i..].starts_with('.') && letters < MAX_WORD {
        let initial = letters == 1 && line[start..].starts_with(char::is_uppercase);
        let abbreviation =
            had_period && segment <= 2 || initial || ABBREVIATIONS.contains(&norm.as_str());
        if abbreviation && !line[i..].starts_with("...") {
            i += 1;
            // "R.S.D.L.P.(B.)": the Bolshevik suffix belongs to the name.
            if let Some(len) = party_suffix(&line[i..]) {
                norm.push_str("(b)");
                i += len;
            }
        }
    } else if let Some(len) = (bytes.get(i) == Some(&b'('))
        .then(|| party_suffix(&line[i..]))
        .flatten()
    {
        if matches!(norm.as_str(), "rsdlp" | "rsdrp" | "rcp") {
            norm.push_str("(b)");
            i += len;
        }
    }
    if !norm.foreign {
        // A word that grew past its first run of letters is read again.
        norm.kw = if usize::from(norm.len) == gathered {
            keyword_of(acc)
        } else {
            keyword(&norm.buf)
        };
    }
    (Kind::Word(norm), i)
}

/// Length of "(b)", "(B.)", "(b.)" at the start of `s`.
fn party_suffix(s: &str) -> Option<usize> {
    ["(b)", "(B)", "(b.)", "(B.)"]
        .iter()
        .find(|p| s.starts_with(*p))
        .map(|p| p.len())
}

/// Value of a number written as a word: "one" … "twenty", the tens, "a
/// hundred" is left to the caller. The parser reads it from the keyword
/// ([`Token::number_word`]); this is the reference the tests hold it to.
#[cfg(test)]
pub(crate) fn number_word(w: &str) -> Option<u64> {
    // Most words are none: rejected on length and first letter.
    if !(3..=9).contains(&w.len())
        || !matches!(
            w.as_bytes()[0],
            b'z' | b'o' | b't' | b'f' | b's' | b'e' | b'n'
        )
    {
        return None;
    }
    Some(match w {
        "zero" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

/// Value of an ordinal word or token: "first" … "twentieth", "1st".
pub(crate) fn ordinal(t: &Token) -> Option<u32> {
    const ORD: [&str; 20] = [
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
        "twentieth",
    ];
    match &t.kind {
        Kind::Num {
            value,
            ordinal: true,
        } => u32::try_from(*value).ok(),
        Kind::Word(w) => ORD
            .iter()
            .position(|x| *x == w.as_str())
            .map(|n| n as u32 + 1),
        _ => None,
    }
}

/// Month number of a month name or its abbreviation ("Oct", "Sept").
/// The parser reads it from the keyword ([`Token::month`]); this is the
/// reference the tests hold it to.
#[cfg(test)]
pub(crate) fn month(w: &str) -> Option<u8> {
    // Most words are none: rejected on length and first letter.
    if !(3..=9).contains(&w.len())
        || !matches!(
            w.as_bytes()[0],
            b'j' | b'f' | b'm' | b'a' | b's' | b'o' | b'n' | b'd'
        )
    {
        return None;
    }
    Some(match w {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

/// Declares the keywords: [`Kw`], one variant per word the readers look
/// for often, and the table of their spellings in the same order.
macro_rules! keywords {
    ($($id:ident $s:literal),* $(,)?) => {
        /// A word the readers look for, found once per word by the
        /// tokenizer ([`Token::kw`]), so that a reader's test is an integer
        /// comparison rather than a string comparison. `None` is every
        /// other word and every token that is not a word.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[repr(u16)]
        pub(crate) enum Kw {
            None,
            $($id),*
        }
        /// Every keyword's spelling, at its variant's index.
        const KEYWORDS: &[&str] = &["", $($s),*];
        /// Every keyword, at its own index.
        const KWS: &[Kw] = &[Kw::None, $(Kw::$id),*];
    };
}

keywords! {
    // Numbers as words, in order (see `number_value`).
    Zero "zero", One "one", Two "two", Three "three", Four "four", Five "five", Six "six",
    Seven "seven", Eight "eight", Nine "nine", Ten "ten", Eleven "eleven", Twelve "twelve",
    Thirteen "thirteen", Fourteen "fourteen", Fifteen "fifteen", Sixteen "sixteen",
    Seventeen "seventeen", Eighteen "eighteen", Nineteen "nineteen", Twenty "twenty",
    Thirty "thirty", Forty "forty", Fifty "fifty", Sixty "sixty", Seventy "seventy",
    Eighty "eighty", Ninety "ninety",
    // Months and their abbreviations (see `month_value`).
    January "january", Jan "jan", February "february", Feb "feb", March "march", Mar "mar",
    April "april", Apr "apr", May "may", June "june", Jun "jun", July "july", Jul "jul",
    August "august", Aug "aug", September "september", Sep "sep", Sept "sept",
    October "october", Oct "oct", November "november", Nov "nov", December "december",
    Dec "dec",
    // Everything else, in no order.
    Approximately "approximately", Roughly "roughly", About "about", Solely "solely",
    Exclusively "exclusively", Congress "congress", Conference "conference",
    Hundred "hundred", Thousand "thousand", And "and", To "to", Written "written",
    Published "published", Source "source", Translated "translated", Delivered "delivered",
    Speech "speech", Report "report", Transcription "transcription", Sitting "sitting",
    Session "session", Delayed "delayed", Postponed "postponed", Opened "opened", Began "began",
    Opening "opening", Convened "convened", Met "met", Assembled "assembled", Held "held",
    Until "until", Concluded "concluded", Closed "closed", Ended "ended", Day "day", Last "last",
    Full "full", Decisive "decisive", Casting "casting", Vote "vote", Votes "votes",
    Voted "voted", Voting "voting", Abstentions "abstentions", Abstention "abstention",
    Abstained "abstained", Unanimously "unanimously", Unanimous "unanimous", Dissents "dissents",
    Dissent "dissent", Dissenting "dissenting", Majority "majority", Against "against",
    Rejected "rejected", Defeated "defeated", Failed "failed", Adopted "adopted",
    Approved "approved", Accepted "accepted", Passed "passed", Carried "carried", By "by",
    Filled "filled", Forms "forms", Questionnaires "questionnaires",
    Questionnaire "questionnaire", Group "group", Faction "faction", Fraction "fraction",
    Caucus "caucus", Caucuses "caucuses", Split "split", Among "among", Within "within",
    The "the", Meeting "meeting", Some "some", Around "around", Nearly "nearly",
    Almost "almost", Circa "circa", Over "over", Presumably "presumably", Perhaps "perhaps",
    Approx "approx", Were "were", Was "was", Of "of", Them "them", Whom "whom", From "from",
    People "people", Persons "persons", Members "members", Member "member",
    Delegates "delegates", Deputies "deputies", Seats "seats",
    Representatives "representatives", Belonged "belonged", Are "are", Had "had", A "a",
    An "an", Adherents "adherents", Candidate "candidate", More "more", Than "than", Up "up",
    Representing "representing", Represented "represented", Close "close", End "end",
    Closing "closing", Final "final", Arrivals "arrivals", Work "work", At "at",
    Towards "towards", Toward "toward", Its "its", Late "late", Plenum "plenum",
    Soviet "soviet", Assembly "assembly", Duma "duma", Rada "rada", Committee "committee",
    Increased "increased", Grew "grew", Rose "rose", Risen "risen", Grown "grown",
    Reached "reached", Formed "formed", Joined "joined", Later "later", Fell "fell",
    Numbered "numbered", Counted "counted", Only "only", Just "just", Presidium "presidium",
    Cec "cec", Vtsik "vtsik", Central "central", Peoples "people's", Deciding "deciding",
    Voice "voice", Rights "rights", Consultative "consultative", Advisory "advisory",
    Deliberative "deliberative", Observer "observer", Observers "observers", No "no",
    With "with", Participants "participants", Mandates "mandates", Answered "answered",
    Who "who", Stated "stated", Declared "declared", Indicated "indicated", Gave "gave",
    Years "years", Aged "aged", Age "age", Did "did", Cast "cast", Total "total",
    Number "number", Elected "elected", Chose "chose", Sent "sent", Nominated "nominated",
    Received "received", Got "got", Obtained "obtained", Polled "polled",
    Collected "collected", Opposed "opposed", Abstaining "abstaining", Not "not", In "in",
    Favor "favor", Favour "favour", For "for",
    // The words a faction's name can start with.
    Left "left", Right "right", Centre "centre", Center "center", Ukrainian "ukrainian",
    Sr "sr", Srs "srs", SrS "sr's", Esers "esers", Socialist "socialist", Social "social",
    Socialists "socialists", Bolshevik "bolshevik", Communist "communist",
    Sympathizers "sympathizers", Sympathisers "sympathisers", Supporters "supporters",
    Bolsheviks "bolsheviks", Bolshevist "bolshevist", RsdlpB "rsdlp(b)", RsdrpB "rsdrp(b)",
    Communists "communists", RcpB "rcp(b)", Rcp "rcp", Revolutionary "revolutionary",
    Populist "populist", Populists "populists", Narodnik "narodnik", Menshevik "menshevik",
    Mensheviks "mensheviks", Internationalists "internationalists", United "united",
    Bundist "bundist", Bundists "bundists", Bund "bund", Anarchist "anarchist",
    Anarchists "anarchists", Anarcho "anarcho", Maximalist "maximalist",
    Maximalists "maximalists", Popular "popular", Trudoviks "trudoviks", Trudovik "trudovik",
    Trudovists "trudovists", Edinstvo "edinstvo", National "national", Dashnaks "dashnaks",
    Dashnaktsutyun "dashnaktsutyun", Dashnaktsutiun "dashnaktsutiun", Usdlp "usdlp",
    Usdrp "usdrp", Poalei "poalei", Poale "poale", Borotbists "borotbists", Non "non",
    Nonparty "nonparty", Independents "independents", Unaffiliated "unaffiliated",
    Nonaffiliated "nonaffiliated", Nonpartisan "nonpartisan", Russian "russian",
    Others "others", Other "other", Various "various", Small "small",
}

/// A set of keywords, one bit each, built at compile time: membership is
/// one bit test, whatever the size of the set.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct KwSet([u64; 8]);

const _: () = assert!(KEYWORDS.len() <= 8 * 64);

impl KwSet {
    /// The set of `ks`.
    pub const fn of(ks: &[Kw]) -> KwSet {
        let mut bits = [0u64; 8];
        let mut i = 0;
        while i < ks.len() {
            let k = ks[i] as usize;
            bits[k >> 6] |= 1 << (k & 63);
            i += 1;
        }
        KwSet(bits)
    }

    /// Adds `k`.
    pub fn insert(&mut self, k: Kw) {
        let k = k as usize;
        self.0[k >> 6] |= 1 << (k & 63);
    }

    /// Whether `k` is in the set.
    pub fn contains(&self, k: Kw) -> bool {
        let k = k as usize;
        self.0[k >> 6] & (1 << (k & 63)) != 0
    }

    /// Whether the two sets share a keyword other than [`Kw::None`].
    pub fn meets(&self, other: &KwSet) -> bool {
        let none = 1u64 << (Kw::None as usize);
        (self.0[0] & other.0[0] & !none) != 0
            || self.0[1..]
                .iter()
                .zip(&other.0[1..])
                .any(|(a, b)| a & b != 0)
    }
}

/// The month names and their abbreviations (see `month_value`).
pub(crate) const MONTHS: KwSet = {
    let mut bits = [0u64; 8];
    let mut k = Kw::January as usize;
    while k <= Kw::Dec as usize {
        bits[k >> 6] |= 1 << (k & 63);
        k += 1;
    }
    KwSet(bits)
};

/// The number words, "zero" … "ninety".
pub(crate) const NUMBER_WORDS: [Kw; 28] = {
    let mut out = [Kw::None; 28];
    let mut i = 0;
    while i < 28 {
        out[i] = KWS[Kw::Zero as usize + i];
        i += 1;
    }
    out
};

/// Slots of the keyword table: a power of two, well above the number of
/// keywords, so a lookup probes one or two slots.
const SLOTS: usize = 2048;

const _: () = assert!(KEYWORDS.len() <= 512 && KEYWORDS.len() * 3 < SLOTS);

/// A word's bytes as [`Word`] holds them: zero after its end.
type Padded = [u8; WORD_CAP];

/// `w` padded with zeros to [`WORD_CAP`] bytes (a keyword is shorter).
const fn padded(w: &[u8]) -> Padded {
    let mut out = [0u8; WORD_CAP];
    let mut i = 0;
    while i < w.len() && i < WORD_CAP {
        out[i] = w[i];
        i += 1;
    }
    out
}

/// A padded word as three machine words, little-endian.
const fn words(p: &Padded) -> [u64; 3] {
    [
        u64::from_le_bytes([p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]]),
        u64::from_le_bytes([p[8], p[9], p[10], p[11], p[12], p[13], p[14], p[15]]),
        u64::from_le_bytes([p[16], p[17], p[18], p[19], p[20], p[21], 0, 0]),
    ]
}

/// The keyword table's hash of a word given as [`words`]: mixed,
/// multiplied, the top bits kept.
const fn hash(w: [u64; 3]) -> usize {
    let x = w[0] ^ w[1].rotate_left(21) ^ w[2].rotate_left(42);
    (x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - SLOTS.trailing_zeros())) as usize
}

/// Every keyword's spelling, padded, as [`words`], at its index: a lookup
/// compares three machine words.
static PADDED: [[u64; 3]; KEYWORDS.len()] = {
    let mut t = [[0u64; 3]; KEYWORDS.len()];
    let mut id = 0;
    while id < KEYWORDS.len() {
        t[id] = words(&padded(KEYWORDS[id].as_bytes()));
        id += 1;
    }
    t
};

/// Open addressing with linear probing: the index in [`KEYWORDS`] of the
/// keyword hashed to each slot, 0 for an empty slot.
static TABLE: [u16; SLOTS] = {
    let mut t = [0u16; SLOTS];
    let mut id = 1;
    while id < KEYWORDS.len() {
        let mut slot = hash(words(&padded(KEYWORDS[id].as_bytes())));
        while t[slot] != 0 {
            slot = (slot + 1) & (SLOTS - 1);
        }
        t[slot] = id as u16;
        id += 1;
    }
    t
};

/// The keyword spelled by `p` (a word padded with zeros), if it is one.
fn keyword(p: &Padded) -> Kw {
    keyword_of(words(p))
}

/// The keyword spelled by `w` (a padded word as [`words`]), if it is one.
fn keyword_of(w: [u64; 3]) -> Kw {
    let mut slot = hash(w);
    // The table always has empty slots, so the probe ends.
    loop {
        let id = usize::from(TABLE[slot]);
        if id == 0 {
            return Kw::None;
        }
        let p = PADDED[id];
        // Word by word, the first (most words are short) deciding most.
        if p[0] == w[0] && p[1] == w[1] && p[2] == w[2] {
            return KWS[id];
        }
        slot = (slot + 1) & (SLOTS - 1);
    }
}

/// Value of a number word keyword.
fn number_value(k: Kw) -> Option<u64> {
    let id = k as u16;
    let (zero, nineteen, ninety) = (Kw::Zero as u16, Kw::Nineteen as u16, Kw::Ninety as u16);
    match id {
        _ if (zero..=nineteen).contains(&id) => Some(u64::from(id - zero)),
        _ if (nineteen + 1..=ninety).contains(&id) => Some(u64::from(id - nineteen + 1) * 10),
        _ => None,
    }
}

/// Month number of a month keyword.
fn month_value(k: Kw) -> Option<u8> {
    Some(match k {
        Kw::January | Kw::Jan => 1,
        Kw::February | Kw::Feb => 2,
        Kw::March | Kw::Mar => 3,
        Kw::April | Kw::Apr => 4,
        Kw::May => 5,
        Kw::June | Kw::Jun => 6,
        Kw::July | Kw::Jul => 7,
        Kw::August | Kw::Aug => 8,
        Kw::September | Kw::Sep | Kw::Sept => 9,
        Kw::October | Kw::Oct => 10,
        Kw::November | Kw::Nov => 11,
        Kw::December | Kw::Dec => 12,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        tokenize(s, 0)
            .into_iter()
            .map(|t| match t.kind {
                Kind::Word(w) => w.as_str().to_string(),
                Kind::Num { value, ordinal } => {
                    format!("#{value}{}", if ordinal { "th" } else { "" })
                }
                Kind::Time => "@time".into(),
                Kind::Punct(c) => c.to_string(),
                Kind::Ellipsis => "…".into(),
            })
            .collect()
    }

    #[test]
    fn numbers_times_and_separators() {
        assert_eq!(
            words("some 1,090 delegates"),
            ["some", "#1090", "delegates"]
        );
        assert_eq!(
            words("at 22:40, at 05.00 and 3:00 a.m."),
            ["at", "@time", ",", "at", "@time", "and", "@time", "am"]
        );
        assert_eq!(
            words("June 3-22, 1917"),
            ["june", "#3", "-", "#22", ",", "#1917"]
        );
        assert_eq!(words("the 2nd Congress"), ["the", "#2th", "congress"]);
        assert_eq!(words("1,2,3"), ["#1", ",", "#2", ",", "#3"]);
    }

    #[test]
    fn abbreviations_and_apostrophes() {
        assert_eq!(
            words("Left S.R.s and R.S.D.L.P.(B.)"),
            ["left", "srs", "and", "rsdlp(b)"]
        );
        assert_eq!(
            words("Workers’ and Soldiers' Deputies"),
            ["workers'", "and", "soldiers'", "deputies"]
        );
        assert_eq!(
            words("V.I. Lenin, F. I. Dan"),
            ["vi", "lenin", ",", "f", "i", "dan"]
        );
        assert_eq!(words("Left-Wing"), ["left", "-", "wing"]);
        assert_eq!(
            words("The Congress . . . agrees"),
            ["the", "congress", "…", "agrees"]
        );
    }

    #[test]
    fn sentences_split_on_real_ends_only() {
        let text = "Opened by V.I. Lenin. It met at 3:00 a.m. in Smolny. Pravda No. 46 said so.\nFirst Congress\n285 SRs\n";
        let s = sentences(text, 0);
        let quotes: Vec<&str> = s.iter().map(|s| &text[s.start..s.end]).collect();
        assert_eq!(
            quotes,
            [
                "Opened by V.I. Lenin.",
                "It met at 3:00 a.m. in Smolny.",
                "Pravda No. 46 said so.",
                "First Congress",
                "285 SRs"
            ]
        );
        assert!(s[3].heading && !s[4].heading);
    }

    #[test]
    fn list_items_know_their_lead() {
        let text = "Delegates belonged:\n\n285 SRs\n248 Mensheviks\n\nLater text.";
        let s = sentences(text, 0);
        assert_eq!(s[1].lead, Some(0));
        assert_eq!(s[2].lead, Some(0));
        assert_eq!(s[3].lead, None);
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in [
            "",
            "(((((((",
            "9999999999999999999999999",
            "’’’",
            "a.b.c.d.e.",
            "1,",
            "1:",
            "é.",
            "\u{0}\u{1}",
        ] {
            let _ = sentences(text, 0);
        }
        assert_eq!(
            tokenize("99999999999999999999999", 0)[0].num(),
            Some(u64::MAX)
        );
    }

    #[test]
    fn long_sentences_are_cut_into_flagged_pieces() {
        let text =
            "word ".repeat(1000) + "and 390 Bolsheviks, then more words ".repeat(40).as_str();
        let s = sentences(&text, 0);
        assert!(s.len() > 10);
        for (k, p) in s.iter().enumerate() {
            assert!(p.end - p.start <= MAX_SENTENCE, "{}", p.end - p.start);
            assert_eq!((p.cut_start, p.cut_end), (k > 0, k + 1 < s.len()));
            // Cut between words, never inside one.
            assert!(!text[p.start..p.end].starts_with(' ') && !text[p.start..p.end].ends_with(' '));
        }
        // The pieces cover the sentence without gaps or overlaps but spaces.
        for w in s.windows(2) {
            assert!(text[w[0].end..w[1].start].trim().is_empty());
        }
        // With commas about, a piece ends at one.
        let later: Vec<&Sentence> = s.iter().filter(|p| p.start > 5000 && p.cut_end).collect();
        assert!(!later.is_empty());
        for p in &later {
            assert!(text[..p.end].ends_with(','), "{:?}", &text[p.start..p.end]);
        }
    }

    #[test]
    fn no_seed_sentence_is_cut_and_tokens_are_short() {
        for (name, text) in crate::seeds::SEEDS {
            for s in sentences(text, 0) {
                assert!(
                    !s.cut_start && !s.cut_end,
                    "{name}: {}",
                    &text[s.start..s.end]
                );
            }
        }
        let digits = "7".repeat(100);
        assert!(tokenize(&digits, 0)
            .iter()
            .all(|t| t.end - t.start <= MAX_DIGITS));
        let dots = ".".repeat(100);
        assert!(tokenize(&dots, 0).len() > 1);
    }

    #[test]
    fn lines_end_at_the_first_lf_or_cr() {
        for text in [
            "",
            "a",
            "abcdefgh",
            "abcdefghijklmnopq",
            "\n",
            "abc\n",
            "abcdefghij\rk",
        ] {
            for from in 0..text.len() {
                let rest = &text.as_bytes()[from..];
                let want = rest
                    .iter()
                    .position(|&b| b == b'\n' || b == b'\r')
                    .map_or(rest.len(), |p| p + 1);
                assert_eq!(line_len(rest), want, "{text:?} from {from}");
            }
        }
        let long = "x".repeat(37) + "\r\n" + &"y".repeat(20);
        assert_eq!(line_len(long.as_bytes()), 38);
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line() {
        let s = sentences("First Congress\r285 SRs\r\n248 Mensheviks", 0);
        assert_eq!(s.len(), 3);
        assert!(s[0].heading);
    }

    #[test]
    fn every_keyword_is_found_and_only_keywords_are() {
        for (id, w) in KEYWORDS.iter().enumerate().skip(1) {
            assert_eq!(keyword(&padded(w.as_bytes())), KWS[id], "{w}");
            assert!(w.len() < WORD_CAP && w.is_ascii(), "{w}");
            assert_eq!(KWS[id] as usize, id);
            assert_eq!(tokenize(w, 0)[0].kw(), KWS[id], "{w}");
            assert_eq!(tokenize(w, 0)[0].number_word(), number_word(w), "{w}");
            assert_eq!(tokenize(w, 0)[0].month(), month(w), "{w}");
            assert_eq!(MONTHS.contains(KWS[id]), month(w).is_some(), "{w}");
        }
        for w in ["", "congresses", "mayor", "hundreds", "\u{e9}t\u{e9}"] {
            assert_eq!(keyword(&padded(w.as_bytes())), Kw::None, "{w}");
        }
        assert_eq!(tokenize("Décembre", 0)[0].kw(), Kw::None);
    }

    #[test]
    fn word_numbers_and_ordinals() {
        assert_eq!(number_word("twelve"), Some(12));
        assert_eq!(number_word("forty"), Some(40));
        assert_eq!(ordinal(&tokenize("Ninth", 0)[0]), Some(9));
        assert_eq!(month("october"), Some(10));
        assert_eq!(month("oct"), Some(10));
        assert_eq!(month("mayor"), None);
    }
}
