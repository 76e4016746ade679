//! Limits on what an imported file may make the server hold, whatever the file declares.
//!
//! A workbook is a zip of XML parts. The reader streams its sheets cell by cell (never the
//! declared grid: `A1` + `XFD1048576` once made it allocate 512 GB), refuses data beyond the
//! template's columns and past the row limit, and — before the zip reaches the XML reader —
//! every part is unpacked once into nothing, so a zip bomb (2 MB of whitespace that unpacks
//! to 2 GB) or a text run no cell can hold is refused before anything is buffered.

use std::io::{Cursor, Read};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::i18n::catalogue::limits as msg;
use crate::i18n::Msg;
use crate::ledger::Problem;

/// Default data rows per sheet (header not counted). The largest city ledgers hold some tens
/// of thousands of enterprises; bigger files are split.
pub const MAX_ROWS: usize = 200_000;
/// Default total unpacked size of a workbook's parts, in MB. A 200,000-row ledger unpacks to
/// about 300 MB of XML; the scan streams, so this bounds time, not memory.
pub const MAX_UNPACKED_MB: usize = 512;
/// The shared-strings part is read whole by the XML reader (each string kept in memory).
const MAX_SHARED_STRINGS_MB: usize = 100;
/// Longest run of bytes without a `<` inside a part: one cell holds at most 32,767 characters
/// (Excel's limit, ≤ 4 bytes each, entities ≤ 6), so a longer run is no spreadsheet cell and would
/// only make the XML reader buffer it whole.
const MAX_TEXT_RUN: usize = 1024 * 1024;
/// Parts of a workbook (a ledger has about a dozen).
const MAX_PARTS: usize = 10_000;

static ROWS: AtomicUsize = AtomicUsize::new(MAX_ROWS);
static UNPACKED_MB: AtomicUsize = AtomicUsize::new(MAX_UNPACKED_MB);

/// Data rows allowed per sheet (`--import-max-rows`).
pub fn max_rows() -> usize {
    ROWS.load(Ordering::Relaxed)
}

pub fn set_max_rows(n: usize) {
    ROWS.store(n.max(1), Ordering::Relaxed);
}

/// Unpacked MB allowed per workbook (`--import-max-unpacked-mb`).
pub fn max_unpacked_mb() -> usize {
    UNPACKED_MB.load(Ordering::Relaxed)
}

pub fn set_max_unpacked_mb(n: usize) {
    UNPACKED_MB.store(n.max(1), Ordering::Relaxed);
}

fn refusal(part: &str, m: Msg) -> Problem {
    Problem { sheet: String::new(), row: 0, column: String::new(), value: part.to_string(), reason: m }
}

/// Unpack every part of the zip into nothing, counting; refuse the workbook at the first limit.
pub fn check_archive(bytes: &[u8]) -> Result<(), Problem> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(()); // not a readable zip: the workbook reader reports it
    };
    if zip.len() > MAX_PARTS {
        return Err(refusal("", msg::too_many_parts(zip.len(), MAX_PARTS)));
    }
    let max_total = max_unpacked_mb() as u64 * 1024 * 1024;
    let mut total = 0u64;
    let mut buf = vec![0u8; 64 * 1024];
    for i in 0..zip.len() {
        let Ok(mut part) = zip.by_index(i) else { continue };
        let name = part.name().map(|n| n.into_owned()).unwrap_or_default();
        let shared_strings = name.to_ascii_lowercase().ends_with("sharedstrings.xml");
        let mut size = 0u64;
        let mut run = 0usize;
        loop {
            let n = match part.read(&mut buf) {
                Ok(0) | Err(_) => break, // a damaged part: the workbook reader reports it
                Ok(n) => n,
            };
            size += n as u64;
            total += n as u64;
            if total > max_total {
                return Err(refusal(&name, msg::unpacked_too_large(&name, max_unpacked_mb())));
            }
            if shared_strings && size > (MAX_SHARED_STRINGS_MB as u64) * 1024 * 1024 {
                return Err(refusal(&name, msg::unpacked_too_large(&name, MAX_SHARED_STRINGS_MB)));
            }
            // The run since the last `<` continues into this chunk's first piece; each later
            // piece starts a new run.
            for (k, piece) in buf[..n].split(|&b| b == b'<').enumerate() {
                run = if k == 0 { run + piece.len() } else { piece.len() };
                if run > MAX_TEXT_RUN {
                    return Err(refusal(&name, msg::text_run(&name, MAX_TEXT_RUN / 1024 / 1024)));
                }
            }
        }
    }
    Ok(())
}

/// Spreadsheet column letters of a 0-based index (0 → A, 16 → Q, 16383 → XFD).
pub fn column_letters(mut index: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use crate::i18n::Lang;

    fn zip_of(name: &str, content: impl Fn(&mut dyn Write)) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        w.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        content(&mut w);
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn column_letters_as_excel_writes_them() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(16), "Q");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(16383), "XFD");
    }

    #[test]
    fn ordinary_parts_pass_and_a_whitespace_run_is_refused() {
        let ok = zip_of("xl/worksheets/sheet1.xml", |w| {
            for _ in 0..10_000 {
                w.write_all(b"<row><c t=\"inlineStr\"><is><t>some text</t></is></c></row>").unwrap();
            }
        });
        assert!(check_archive(&ok).is_ok());
        let bomb = zip_of("xl/worksheets/sheet1.xml", |w| {
            w.write_all(b"<sheetData><row><c><v>").unwrap();
            let spaces = vec![b' '; 64 * 1024];
            for _ in 0..40 {
                w.write_all(&spaces).unwrap();
            }
        });
        let refused = check_archive(&bomb).unwrap_err();
        assert!(refused.reason.render(Lang::En).contains("zip bomb"), "{refused:?}");
    }
}
