//! Messages of reading and writing workbooks and CSV files.

crate::messages! {
    bad_utf8_after_bom "excel.encoding.bad_utf8_after_bom" (line: usize) {
        zh: "文件以 UTF-8 标记（BOM）开头，但第 {line} 行不是有效的 UTF-8 文本。请在 Excel 中另存为“CSV UTF-8（逗号分隔）”。",
        en: "The file starts with a UTF-8 byte order mark but line {line} is not valid UTF-8. Save it from Excel as \"CSV UTF-8 (Comma delimited)\".",
    }
    bad_utf16 "excel.encoding.bad_utf16" (encoding: &str) {
        zh: "文件标明为 {encoding} 编码，但内容不是有效的 {encoding} 文本。",
        en: "The file is marked as {encoding} but its content is not valid {encoding} text.",
    }
    unknown_encoding "excel.encoding.unknown" (line: usize) {
        zh: "无法识别文件编码：第 {line} 行既不是 UTF-8 也不是 GBK/GB18030 文本。请在 Excel 中另存为“CSV UTF-8（逗号分隔）”或“CSV（逗号分隔）”。",
        en: "The file's encoding is not recognised: line {line} is neither UTF-8 nor GBK/GB18030 text. Save it from Excel as \"CSV UTF-8 (Comma delimited)\" or \"CSV (Comma delimited)\".",
    }
    ambiguous_encoding "excel.encoding.ambiguous" () {
        zh: "无法确定文件编码：内容既可按 UTF-8 也可按 GBK 读取，且两种读法都不像正常的中文文本。为避免读错，未导入。请在 Excel 中另存为“CSV UTF-8（逗号分隔）”。",
        en: "The file's encoding cannot be determined: it reads as both UTF-8 and GBK and neither looks like ordinary Chinese text. Nothing was imported rather than risk misreading it. Save it from Excel as \"CSV UTF-8 (Comma delimited)\".",
    }
}
