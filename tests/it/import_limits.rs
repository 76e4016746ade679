//! Issue 17 items 1 and 2: hostile files against the real binary, with its peak memory
//! measured (the child's own `VmHWM`, which it writes at exit to `LANTIAN_PEAK_RSS_FILE`:
//! `wait4`'s `ru_maxrss` also counts the test process it was forked from), and the capped problem
//! report in the JSON API and on the page.

use std::io::Write;
use std::process::{Command, Stdio};

use lantian::excel::columns::ENTERPRISE_COLUMNS;
use reqwest::StatusCode;

use crate::support::*;

/// What the binary must stay under on every hostile file (the unbounded reader went to gigabytes).
const PEAK_MB: u64 = 400;

struct Run {
    code: i32,
    stderr: String,
    peak_mb: u64,
}

/// Run `lantian` on a fresh data directory and measure its peak RSS. An address-space limit
/// keeps a regression from taking the shared machine down with it (it then fails instead).
fn lantian_measured(extra: &[&str], file: &std::path::Path) -> Run {
    use std::os::unix::process::CommandExt;
    let dir = tempfile::tempdir().unwrap();
    let err_path = dir.path().join("stderr");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_lantian"));
    cmd.arg("--data-dir").arg(dir.path().join("data")).args(extra).arg("import").arg("ledger").arg(file).arg("--dry-run");
    let peak_path = dir.path().join("peak-rss-kb");
    cmd.env("LANTIAN_PEAK_RSS_FILE", &peak_path);
    cmd.env("LANTIAN_LANG", "en").env("RUST_LOG", "warn").stdout(Stdio::null()).stderr(std::fs::File::create(&err_path).unwrap());
    unsafe {
        cmd.pre_exec(|| {
            let limit = libc::rlimit { rlim_cur: 3 << 30, rlim_max: 3 << 30 };
            libc::setrlimit(libc::RLIMIT_AS, &limit);
            Ok(())
        });
    }
    let child = cmd.spawn().unwrap();
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    assert_eq!(unsafe { libc::wait4(pid, &mut status, 0, &mut usage) }, pid);
    let code = if libc::WIFEXITED(status) { libc::WEXITSTATUS(status) } else { -libc::WTERMSIG(status) };
    // A process killed before it could report (a crash, the address-space limit) falls back to
    // wait4's figure, which is at least as high.
    let peak_kb = std::fs::read_to_string(&peak_path).ok().and_then(|s| s.trim().parse::<u64>().ok()).unwrap_or(usage.ru_maxrss as u64);
    Run { code, stderr: std::fs::read_to_string(&err_path).unwrap_or_default(), peak_mb: peak_kb / 1024 }
}

fn refused_within_bounds(run: &Run, what: &str) {
    eprintln!("{what}: exit {}, peak RSS {} MB", run.code, run.peak_mb);
    assert_eq!(run.code, 1, "{what}: a clean refusal (exit 1), not a crash; stderr: {}", &run.stderr[..run.stderr.len().min(2000)]);
    assert!(run.peak_mb < PEAK_MB, "{what}: peak RSS {} MB, bound {PEAK_MB} MB", run.peak_mb);
}

/// A minimal .xlsx whose only sheet is the enterprise sheet; `sheet_data` writes the rows
/// (the inside of `<sheetData>`).
pub fn workbook(sheet_data: impl FnOnce(&mut dyn Write)) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    let parts: [(&str, &str); 4] = [
        ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#),
        ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#),
        ("xl/workbook.xml", r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="企业" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
        ("xl/_rels/workbook.xml.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#),
    ];
    for (name, text) in parts {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.start_file("xl/worksheets/sheet1.xml", options).unwrap();
    zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#).unwrap();
    sheet_data(&mut zip);
    zip.write_all(b"</sheetData></worksheet>").unwrap();
    zip.finish().unwrap().into_inner()
}

/// `<row>` of inline-string cells from column A.
pub fn row(out: &mut dyn Write, r: usize, cells: &[&str]) {
    write!(out, r#"<row r="{r}">"#).unwrap();
    for (c, text) in cells.iter().enumerate() {
        let col = lantian::excel::limits::column_letters(c);
        write!(out, r#"<c r="{col}{r}" t="inlineStr"><is><t>{text}</t></is></c>"#).unwrap();
    }
    out.write_all(b"</row>").unwrap();
}

fn headers() -> Vec<&'static str> {
    ENTERPRISE_COLUMNS.iter().map(|c| c.header).collect()
}

fn write_file(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// A CSV with the template's header and `rows` rows, each wrong in about a dozen cells.
fn bad_rows_csv(rows: usize) -> Vec<u8> {
    let mut out = headers().join(",").into_bytes();
    out.push(b'\n');
    for i in 0..rows {
        writeln!(out, "X{i},,999,12,,999,999,maybe,巨型,??,maybe,,,maybe,Z,,").unwrap();
    }
    out
}

#[test]
fn a_workbook_declaring_the_whole_grid_is_refused_with_its_cell() {
    // Item 1: cells A1 and XFD1048576 in a file of under 2 KB.
    let bytes = workbook(|w| {
        row(w, 1, &["统一社会信用代码"]);
        w.write_all(br#"<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>"#).unwrap();
    });
    assert!(bytes.len() < 2048, "{} bytes", bytes.len());
    let dir = tempfile::tempdir().unwrap();
    let run = lantian_measured(&[], &write_file(&dir, "grid.xlsx", &bytes));
    refused_within_bounds(&run, "A1 + XFD1048576");
    assert!(run.stderr.contains("column XFD") && run.stderr.contains("row 1048576"), "the reason names the cell: {}", run.stderr);
    assert!(run.stderr.contains("beyond the template's last column Q"), "{}", run.stderr);
}

#[test]
fn a_sheet_beyond_the_row_limit_is_refused_at_the_first_row_past_it() {
    let bytes = workbook(|w| {
        row(w, 1, &headers());
        for r in 2..=300 {
            row(w, r, &["X", "名称"]);
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let run = lantian_measured(&["--import-max-rows", "100"], &write_file(&dir, "rows.xlsx", &bytes));
    refused_within_bounds(&run, "300 rows, limit 100");
    assert!(run.stderr.contains("row 102 is beyond the row limit (100 data rows per sheet)"), "{}", run.stderr);
}

#[test]
fn a_zip_bomb_of_whitespace_is_refused_before_it_is_read() {
    // Item 2: under 1 MB of zip holding 480 MB of spaces in one cell.
    let bytes = workbook(|w| {
        w.write_all(br#"<row r="1"><c r="A1" t="inlineStr"><is><t>"#).unwrap();
        let spaces = vec![b' '; 1 << 20];
        for _ in 0..480 {
            w.write_all(&spaces).unwrap();
        }
        w.write_all(b"</t></is></c></row>").unwrap();
    });
    assert!(bytes.len() < 4 << 20, "{} bytes", bytes.len());
    let dir = tempfile::tempdir().unwrap();
    let run = lantian_measured(&[], &write_file(&dir, "bomb.xlsx", &bytes));
    refused_within_bounds(&run, "whitespace zip bomb");
    assert!(run.stderr.contains("zip bomb"), "{}", run.stderr);
}

#[test]
fn a_csv_of_bad_rows_lists_the_first_thousand_problems_and_counts_the_rest() {
    // Item 2: 150,000 rows, each wrong in a dozen cells (today: 1.8 million problems).
    let bytes = bad_rows_csv(150_000);
    let dir = tempfile::tempdir().unwrap();
    let run = lantian_measured(&[], &write_file(&dir, "bad.csv", &bytes));
    refused_within_bounds(&run, "150,000 bad rows");
    let listed = run.stderr.lines().filter(|l| l.starts_with("  sheet ")).count();
    assert_eq!(listed, 1000, "the first thousand problems are listed");
    let omitted = run.stderr.lines().find(|l| l.contains("Only the first 1000 problems are listed")).expect("the rest are counted");
    let more: usize = omitted.split("; ").nth(1).and_then(|s| s.split(' ').next()).and_then(|n| n.parse().ok()).expect("a count");
    assert!(more > 1_000_000, "{omitted}");
}

#[test]
fn a_million_row_csv_is_refused_at_the_row_limit() {
    // Item 2: a million short rows (today: every row held, then several problems each).
    let mut bytes = headers().join(",").into_bytes();
    bytes.extend(b"\n");
    for _ in 0..1_000_000 {
        bytes.extend(b"9,x\n");
    }
    let dir = tempfile::tempdir().unwrap();
    let run = lantian_measured(&[], &write_file(&dir, "million.csv", &bytes));
    refused_within_bounds(&run, "1,000,000 rows");
    assert!(run.stderr.contains("row 200002 is beyond the row limit (200000 data rows per sheet)"), "{}", &run.stderr[run.stderr.len().saturating_sub(3000)..]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refused_uploads_answer_a_capped_report_in_json_and_on_the_page() {
    let t = TestDb::sqlite().await;
    load_demo_city(&t.db, 20, 1).await;
    let base = serve(&t.db, lantian::web::WebConfig { rate_limit: 0, ..Default::default() }).await;
    let admin = login(&base, "admin").await;
    let csv = bad_rows_csv(300); // about 3,600 problems
    let r = admin
        .client
        .post(format!("{base}/api/ledger/import?dry_run=true&format=csv&lang=en"))
        .header("x-csrf-token", &admin.csrf)
        .body(csv.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["problems"].as_array().unwrap().len(), 1000);
    let omitted = body["problems_omitted"].as_u64().unwrap();
    assert!(omitted > 2000, "{omitted}");
    assert!(body["message"].as_str().unwrap().contains(&format!("{} problem", 1000 + omitted)), "{}", body["message"]);

    let form = reqwest::multipart::Form::new()
        .text("_csrf", admin.csrf.clone())
        .text("dry_run", "1")
        .part("file", reqwest::multipart::Part::bytes(csv).file_name("bad.csv"));
    let r = admin.client.post(format!("{base}/import?lang=en")).multipart(form).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = r.text().await.unwrap();
    assert!(page.contains("problems-omitted") && page.contains(&format!("Only the first 1000 problems are listed; {omitted} more were found")));
}

/// Send `head` and then `body_len` bytes on a raw connection, reading the answer while the body
/// is still going out (a server may answer 413 before it has read everything and close).
async fn raw_upload(base: &str, head: String, body_len: usize) -> (u16, String, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let stream = tokio::net::TcpStream::connect(base.trim_start_matches("http://")).await.unwrap();
    let (mut rd, mut wr) = stream.into_split();
    let writer = tokio::spawn(async move {
        if wr.write_all(head.as_bytes()).await.is_err() {
            return;
        }
        let chunk = vec![b'x'; 1 << 20];
        let mut left = body_len;
        while left > 0 {
            let n = left.min(chunk.len());
            if wr.write_all(&chunk[..n]).await.is_err() {
                return;
            }
            left -= n;
        }
    });
    let mut answer = Vec::new();
    let mut buf = vec![0u8; 64 * 1024];
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        let n = match tokio::time::timeout_at(deadline, rd.read(&mut buf)).await {
            Ok(Ok(n)) => n,
            _ => 0,
        };
        if n == 0 {
            break;
        }
        answer.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&answer);
        if let Some((head, body)) = text.split_once("\r\n\r\n") {
            let length = head.lines().find_map(|l| l.to_ascii_lowercase().strip_prefix("content-length: ").map(|v| v.trim().parse::<usize>().unwrap_or(0)));
            if length.is_some_and(|l| body.len() >= l) {
                break;
            }
        }
    }
    writer.abort();
    let text = String::from_utf8_lossy(&answer).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let content_type = head.lines().find_map(|l| l.to_ascii_lowercase().strip_prefix("content-type: ").map(str::to_string)).unwrap_or_default();
    (status, content_type, body.to_string())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_oversized_api_upload_answers_json_and_a_page_upload_a_page() {
    // Item 15 (part): the 413 of the upload limit, as every other API error.
    let t = TestDb::sqlite().await;
    load_demo_city(&t.db, 5, 1).await;
    let base = serve(&t.db, lantian::web::WebConfig { rate_limit: 0, ..Default::default() }).await;
    let r = reqwest::Client::new()
        .post(format!("{base}/api/login"))
        .json(&serde_json::json!({ "username": "admin", "password": lantian::demo::accounts::DEMO_PASSWORD }))
        .send()
        .await
        .unwrap();
    let cookies: Vec<String> = r.headers().get_all("set-cookie").iter().filter_map(|v| v.to_str().ok()?.split(';').next().map(str::to_string)).collect();
    let cookie = cookies.join("; ");
    let csrf = r.json::<serde_json::Value>().await.unwrap()["csrf_token"].as_str().unwrap().to_string();
    let len = lantian::web::MAX_UPLOAD_BYTES + (1 << 20);
    let host = base.trim_start_matches("http://").to_string();

    let head = format!("POST /api/ledger/import HTTP/1.1\r\nHost: {host}\r\nCookie: {cookie}\r\nX-CSRF-Token: {csrf}\r\nContent-Type: application/octet-stream\r\nContent-Length: {len}\r\n\r\n");
    let (status, content_type, body) = raw_upload(&base, head, len).await;
    assert_eq!(status, 413, "{body}");
    assert!(content_type.starts_with("application/json"), "{content_type}: {body}");
    let body: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert!(body["code"].as_str().is_some_and(|c| !c.is_empty()) && body["message"].as_str().is_some_and(|m| m.contains("64")), "{body}");

    // Chunked, so that no Content-Length announces it: the limit is met while reading.
    let head = format!("POST /api/ledger/import HTTP/1.1\r\nHost: {host}\r\nCookie: {cookie}\r\nX-CSRF-Token: {csrf}\r\nContent-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n");
    let (status, content_type, body) = raw_chunked(&base, head, len).await;
    assert_eq!(status, 413, "{body}");
    assert!(content_type.starts_with("application/json"), "chunked: {content_type}: {body}");

    let head = format!("POST /import HTTP/1.1\r\nHost: {host}\r\nCookie: {cookie}\r\nX-CSRF-Token: {csrf}\r\nContent-Type: multipart/form-data; boundary=XyZ\r\nContent-Length: {len}\r\n\r\n");
    let (status, content_type, body) = raw_upload(&base, head, len).await;
    assert_eq!(status, 413, "{body}");
    assert!(content_type.starts_with("text/html"), "{content_type}");
}

/// As [`raw_upload`], the body in 1 MB chunks of chunked transfer encoding.
async fn raw_chunked(base: &str, head: String, body_len: usize) -> (u16, String, String) {
    let mut framed = head;
    let chunk = "x".repeat(1 << 20);
    for _ in 0..body_len / (1 << 20) {
        framed.push_str(&format!("{:x}\r\n{chunk}\r\n", chunk.len()));
    }
    framed.push_str("0\r\n\r\n");
    raw_upload(base, framed, 0).await
}
