//! 一企一档: one enterprise's archive as a zip — every campaign record (survey, decisions,
//! checklist steps, acceptance forms 验收单, patrols), every photo, the exit cases and the
//! audit entries, with a printable summary (index.html) listing them all. The contents of a
//! 散乱污 一企一档 were not found in an official text (campaigns-complaints-facts §1.4,
//! [UNVERIFIED]); this follows the model inferred there: survey, disposition, plan, 验收单,
//! before/after photos and procedures obtained.

use std::io::Write;

use maud::{html, PreEscaped, DOCTYPE};
use serde::Serialize;

/// One file to put in the archive.
#[derive(Clone, Debug)]
pub struct Entry {
    pub path: String,
    pub bytes: Vec<u8>,
    /// What the summary calls it.
    pub title: String,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Header {
    pub credit_code: String,
    pub name: String,
    pub address: String,
    pub division: String,
    pub generated_at: String,
}

/// The acceptance form (验收单) of one item, as printable HTML.
pub fn acceptance_form(campaign: &str, item_name: &str, credit_code: &str, disposition: &str, steps: &[(String, String, String)], acceptances: &[(String, String, String, String)]) -> String {
    html! {
        (DOCTYPE)
        html lang="zh-CN" { head { meta charset="utf-8"; title { "验收单 " (item_name) } style { (PreEscaped("body{font-family:sans-serif;max-width:46em;margin:2em auto}table{border-collapse:collapse;width:100%}td,th{border:1px solid #333;padding:.3em .5em;text-align:left}")) } }
        body {
            h1 { "“" (campaign) "”整治验收单" }
            table {
                tr { th { "企业(作坊)名称" } td { (item_name) } }
                tr { th { "统一社会信用代码/台账编号" } td { (credit_code) } }
                tr { th { "整治方式" } td { (disposition) } }
            }
            h2 { "整治事项" }
            table { tr { th { "事项" } th { "内容" } th { "完成时间" } }
                @for (what, value, at) in steps { tr { td { (what) } td { (value) } td { (at) } } } }
            h2 { "验收意见" }
            table { tr { th { "层级" } th { "意见" } th { "验收人员" } th { "时间" } }
                @for (level, opinion, who, at) in acceptances { tr { td { (level) } td { (opinion) } td { (who) } td { (at) } } } }
            p { "完成整治一起,销号一起。" }
        } }
    }
    .into_string()
}

/// The zip: index.html first, then every entry.
pub fn archive(header: &Header, entries: &[Entry]) -> Result<Vec<u8>, String> {
    let index = html! {
        (DOCTYPE)
        html lang="zh-CN" { head { meta charset="utf-8"; title { "一企一档 " (header.name) }
            style { (PreEscaped("body{font-family:sans-serif;max-width:50em;margin:2em auto}table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:.25em .5em;text-align:left}@media print{a{color:#000;text-decoration:none}}")) } }
        body {
            h1 { "一企一档 · " (header.name) }
            p { "统一社会信用代码/台账编号 " (header.credit_code) " · " (header.division) " · " (header.address) }
            p { "生成时间 " (header.generated_at) " · 共 " (entries.len()) " 份材料" }
            table { tr { th { "#" } th { "材料" } th { "文件" } th { "大小" } }
                @for (i, e) in entries.iter().enumerate() { tr { td { (i + 1) } td { (e.title) } td { a href=(e.path) { (e.path) } } td { (e.bytes.len()) " B" } } } }
        } }
    }
    .into_string();
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut add = |path: &str, bytes: &[u8]| -> Result<(), String> {
        zip.start_file(path, options).map_err(|e| e.to_string())?;
        zip.write_all(bytes).map_err(|e| e.to_string())
    };
    add("index.html", index.as_bytes())?;
    for e in entries {
        add(&e.path, &e.bytes)?;
    }
    Ok(zip.finish().map_err(|e| e.to_string())?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_archive_lists_what_it_holds() {
        let entries = vec![Entry { path: "photos/1-cut_water.jpg".into(), bytes: vec![1, 2, 3], title: "照片 切断工业用水".into() }];
        let bytes = archive(&Header { name: "王家作坊".into(), ..Default::default() }, &entries).unwrap();
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(z.len(), 2);
        let mut index = String::new();
        std::io::Read::read_to_string(&mut z.by_name("index.html").unwrap(), &mut index).unwrap();
        assert!(index.contains("photos/1-cut_water.jpg") && index.contains("王家作坊"));
    }
}
