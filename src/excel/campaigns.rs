//! The campaign report workbook: the summary (counts and shares by disposition and
//! division, with the summary paragraph), the daily progress report per county and the
//! monthly assessment ranking — the three forms the seeds report progress in.

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use crate::campaigns::progress::{DailyRow, RankRow, Summary};
use crate::campaigns::CampaignType;

/// `paragraph` is the summary in the seeds' Chinese wording; `paragraph_en` the same in English,
/// on the row below (the official layout leaves it free).
#[allow(clippy::too_many_arguments)]
pub fn report(title: &str, kind: &CampaignType, s: &Summary, paragraph: &str, paragraph_en: &str, day: &str, daily: &[DailyRow], month: &str, ranking: &[RankRow]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let head = Format::new().set_bold().set_background_color("#DDE7F3");
    let sheet = book.add_worksheet().set_name("汇总")?;
    sheet.write_with_format(0, 0, title, &bold)?;
    sheet.write(1, 0, paragraph)?;
    sheet.write(2, 0, paragraph_en)?;
    for (c, h) in ["摸排", "剔除", "确认", "完成整治"].iter().enumerate() {
        sheet.write_with_format(3, c as u16, *h, &head)?;
    }
    for (c, v) in [s.surveyed, s.excluded, s.confirmed, s.completed].iter().enumerate() {
        sheet.write(4, c as u16, *v as f64)?;
    }
    for (c, h) in ["整治方式", "户数", "占完成整治比例(%)"].iter().enumerate() {
        sheet.write_with_format(6, c as u16, *h, &head)?;
    }
    for (r, d) in s.by_disposition.iter().enumerate() {
        let r = 7 + r as u32;
        sheet.write(r, 0, &d.disposition)?;
        sheet.write(r, 1, d.count as f64)?;
        sheet.write(r, 2, d.share)?;
    }
    let start = 8 + s.by_disposition.len() as u32;
    for (c, h) in ["区划代码", "区划名称", "摸排", "剔除", "确认", "完成整治"].iter().enumerate() {
        sheet.write_with_format(start, c as u16, *h, &head)?;
    }
    for (r, d) in s.by_division.iter().enumerate() {
        let r = start + 1 + r as u32;
        sheet.write(r, 0, &d.code)?;
        sheet.write(r, 1, &d.name)?;
        for (c, v) in [d.surveyed, d.excluded, d.confirmed, d.completed].iter().enumerate() {
            sheet.write(r, 2 + c as u16, *v as f64)?;
        }
    }
    sheet.set_column_width(0, 14)?;
    sheet.set_column_width(1, 16)?;

    let sheet = book.add_worksheet().set_name("日报")?;
    sheet.write_with_format(0, 0, format!("{title} 进度日报({day})"), &bold)?;
    let mut headers: Vec<String> = ["县(市、区)代码", "县(市、区)", "摸排", "剔除", "确认"].iter().map(|s| s.to_string()).collect();
    headers.extend(kind.disposition.iter().map(|d| format!("已完成·{}", d.label)));
    headers.extend(["验收销号", "逾期", "当日新增摸排", "当日完成"].iter().map(|s| s.to_string()));
    for (c, h) in headers.iter().enumerate() {
        sheet.write_with_format(1, c as u16, h, &head)?;
    }
    for (r, d) in daily.iter().enumerate() {
        let r = 2 + r as u32;
        sheet.write(r, 0, &d.code)?;
        sheet.write(r, 1, &d.name)?;
        let mut values = vec![d.surveyed, d.excluded, d.confirmed];
        values.extend(d.done_by_disposition.iter().map(|(_, n)| *n));
        values.extend([d.accepted, d.overdue, d.new_today, d.completed_today]);
        for (c, v) in values.iter().enumerate() {
            sheet.write(r, 2 + c as u16, *v as f64)?;
        }
    }

    let sheet = book.add_worksheet().set_name("月度考核排名")?;
    sheet.write_with_format(0, 0, format!("{title} 月度量化考核排名({month})"), &bold)?;
    for (c, h) in ["名次", "县(市、区)代码", "县(市、区)", "确认", "完成", "完成率(%)", "及时率(%)", "得分"].iter().enumerate() {
        sheet.write_with_format(1, c as u16, *h, &head)?;
    }
    for (r, x) in ranking.iter().enumerate() {
        let r = 2 + r as u32;
        match x.rank {
            Some(n) => sheet.write(r, 0, n as f64)?,
            None => sheet.write(r, 0, "—")?,
        };
        sheet.write(r, 1, &x.code)?;
        sheet.write(r, 2, &x.name)?;
        sheet.write(r, 3, x.confirmed as f64)?;
        sheet.write(r, 4, x.completed as f64)?;
        sheet.write(r, 5, x.completion)?;
        sheet.write(r, 6, x.timeliness)?;
        sheet.write(r, 7, x.score)?;
    }
    book.save_to_buffer()
}
