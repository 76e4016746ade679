//! Messages of the import limits (issue 17: bounded memory whatever a file declares or holds).

crate::messages! {
    /// A sheet holds data in a column the template does not have.
    too_many_columns "limits.sheet.columns" (sheet: &str, row: usize, column: &str, last: &str) {
        zh: "工作表“{sheet}”第 {row} 行 {column} 列有数据，超出模板的最后一列 {last}；未导入任何数据。请删除模板以外的列后再导入。",
        en: "Sheet \"{sheet}\" has data in row {row}, column {column}, beyond the template's last column {last}; nothing was imported. Remove the columns outside the template and import again.",
    }
    /// A sheet holds more data rows than the setting allows.
    too_many_rows "limits.sheet.rows" (sheet: &str, row: usize, max: usize) {
        zh: "工作表“{sheet}”第 {row} 行超出行数上限（每个工作表最多 {max} 行数据）；未导入任何数据。请拆分为多个文件分批导入。",
        en: "Sheet \"{sheet}\" row {row} is beyond the row limit ({max} data rows per sheet); nothing was imported. Split the file and import it in parts.",
    }
    /// The workbook's parts unpack to more than the setting allows (a zip bomb, or a damaged file).
    unpacked_too_large "limits.workbook.unpacked" (part: &str, max_mb: usize) {
        zh: "工作簿解压后超过 {max_mb} MB（在部件 {part} 处），可能是压缩炸弹或损坏的文件；未导入任何数据。",
        en: "The workbook unpacks to more than {max_mb} MB (at part {part}): a zip bomb or a damaged file; nothing was imported.",
    }
    /// A part holds a run of text longer than any cell can hold.
    text_run "limits.workbook.text_run" (part: &str, max_mb: usize) {
        zh: "工作簿部件 {part} 中有超过 {max_mb} MB 的连续文本，任何单元格都容纳不下，可能是压缩炸弹或损坏的文件；未导入任何数据。",
        en: "Workbook part {part} holds a run of text longer than {max_mb} MB, more than any cell can hold: a zip bomb or a damaged file; nothing was imported.",
    }
    /// The workbook holds too many parts.
    too_many_parts "limits.workbook.parts" (count: usize, max: usize) {
        zh: "工作簿包含 {count} 个部件，超过上限 {max}；未导入任何数据。",
        en: "The workbook has {count} parts, more than the limit of {max}; nothing was imported.",
    }
    /// The report lists only the first problems.
    problems_omitted "limits.problems.omitted" (listed: usize, omitted: usize) {
        zh: "仅列出前 {listed} 处问题，另有 {omitted} 处未列出。",
        en: "Only the first {listed} problems are listed; {omitted} more were found.",
    }
}
