//! The year-end responsibility report (年度生态环境保护责任落实情况), in the structure of the
//! Xi'an industry bureau's report (seed 000): an opening, the political-study section, the
//! duties (energy and water saving, industrial upgrading, backward capacity, key tasks and
//! projects, air-pollution work), supervision and rectification, next steps. Figures come
//! from the platform (`Facts`); each names the list it came from. Text blocks the bureau
//! edits before publishing are stored per unit and year and replace the defaults.

use std::collections::BTreeMap;

use serde::Serialize;

#[derive(Clone, Debug, Serialize)]
pub struct TargetFigure {
    pub indicator: String,
    /// Signed change in % (−12.7 is a fall).
    pub change: f64,
    pub required: f64,
    pub met: bool,
    pub baseline_year: i32,
    pub year: i32,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Facts {
    pub unit_name: String,
    pub year: i32,
    pub division_name: String,
    /// Latest year of ledger figures used for intensities.
    pub figures_year: i32,
    pub energy: Option<TargetFigure>,
    pub water: Option<TargetFigure>,
    /// Enterprises using ≥ 10,000 tce a year (重点用能单位, Energy Conservation Law art. 52).
    pub key_energy_users: i64,
    pub ab_grade: i64,
    pub low_nox_boilers: i64,
    pub exits_in_year: i64,
    pub exits_sealed: i64,
    pub exits_dismantled: i64,
    pub cases_open: i64,
    pub plans: Vec<(i64, String, String)>,
    pub tasks_total: i64,
    pub tasks_completed: i64,
    pub tasks_overdue: i64,
    pub projects: i64,
    pub projects_completed: i64,
    pub investment_yi: f64,
    pub projects_by_domain: Vec<(String, i64, f64)>,
    pub notices_received: i64,
    pub notices_answered: i64,
    pub texts: BTreeMap<String, String>,
}

/// A paragraph: its text, the platform list its figures came from, and the text block it
/// stands for when it is editable.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Para {
    pub text: String,
    pub link: Option<String>,
    pub block: Option<&'static str>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Section {
    pub heading: String,
    pub level: u8,
    pub paragraphs: Vec<Para>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub title: String,
    pub sections: Vec<Section>,
}

/// The editable blocks with their default text.
pub const BLOCKS: [(&str, &str, &str); 4] = [
    ("intro", "开头", "按照生态环境保护责任清单和年度工作要求,现将本单位履行生态环境保护职责情况报告如下。"),
    ("leadership", "一、思想引领", "坚持把习近平生态文明思想作为理论学习的重要内容,严格落实“党政同责”“一岗双责”,将生态环境保护与工业经济高质量发展同计划、同安排、同部署。"),
    ("upgrading", "产业优化升级", "持续推进产业结构优化升级,深入实施绿色制造,鼓励企业技术创新和绿色化、智能化改造。"),
    ("next", "下一步", "下一步,我们将以碳达峰、碳中和目标为导向,以加快推进工业绿色转型升级为主线,加快产业结构优化升级,大力推进工业节能降碳,全面提高资源利用效率。"),
];

fn num(v: f64) -> String {
    let s = format!("{v:.1}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

fn text(f: &Facts, block: &'static str) -> Para {
    let default = BLOCKS.iter().find(|b| b.0 == block).map(|b| b.2).unwrap_or("");
    Para { text: f.texts.get(block).cloned().unwrap_or_else(|| default.to_string()), link: None, block: Some(block) }
}

fn fig(text: String, link: &str) -> Para {
    Para { text, link: Some(link.to_string()), block: None }
}

fn change_sentence(t: &TargetFigure, what: &str) -> String {
    let verb = if t.change <= 0.0 { "下降" } else { "上升" };
    let verdict = if t.met { "完成年度目标任务" } else { "未完成年度目标任务" };
    format!("{}年{}{}{}%(目标下降{}%,较{}年),{}。", t.year, what, verb, num(t.change.abs()), num(t.required), t.baseline_year, verdict)
}

pub fn build(f: &Facts) -> Report {
    let chinese = ["(一)", "(二)", "(三)", "(四)", "(五)"];
    let mut duties = Vec::new();
    let mut saving = Vec::new();
    match &f.energy {
        Some(t) => saving.push(fig(format!("1.扎实开展工业节能工作。{}", change_sentence(t, &format!("{}规上工业企业单位增加值能耗", f.division_name))), "/plans")),
        None => saving.push(fig(format!("1.扎实开展工业节能工作。平台暂无{}年可比的规上工业企业能耗和增加值数据。", f.figures_year), "/enterprises?above_scale=true")),
    }
    saving.push(fig(
        format!("全市年综合能源消费量一万吨标准煤以上的重点用能工业企业{}户({}年台账数据),纳入节能监察和能耗双控评价。", f.key_energy_users, f.figures_year),
        "/enterprises?above_scale=true",
    ));
    match &f.water {
        Some(t) => saving.push(fig(format!("2.落实最严格水资源管理制度。{}", change_sentence(t, "万元工业增加值用水量")), "/plans")),
        None => saving.push(fig("2.落实最严格水资源管理制度。平台暂无可比的用水量数据。".into(), "/enterprises?above_scale=true")),
    }
    duties.push(Section { heading: format!("{}工业节能节水工作", chinese[0]), level: 2, paragraphs: saving });
    duties.push(Section {
        heading: format!("{}工业产业持续优化升级", chinese[1]),
        level: 2,
        paragraphs: vec![text(f, "upgrading"), fig(format!("全市环保绩效A级、B级企业{}家。", f.ab_grade), "/enterprises?grade=AB")],
    });
    duties.push(Section {
        heading: format!("{}依法依规淘汰落后产能", chinese[2]),
        level: 2,
        paragraphs: vec![fig(
            if f.exits_in_year > 0 {
                format!("{}年依法依规退出落后产能{}项,其中封存{}项、拆除{}项;尚在办理的退出案件{}件。", f.year, f.exits_in_year, f.exits_sealed, f.exits_dismantled, f.cases_open)
            } else {
                format!("{}年利用综合标准开展落后产能摸底排查,暂未完成退出的落后产能;尚在办理的退出案件{}件。", f.year, f.cases_open)
            },
            "/cases",
        )],
    });
    let plans: Vec<String> = f.plans.iter().map(|p| format!("《{}》({})", p.1, p.2)).collect();
    let mut tasks = vec![fig(
        format!(
            "牵头和承担{}{}项任务,已完成{}项,推进中{}项{}。",
            if plans.is_empty() { String::new() } else { format!("{}中的", plans.join("、")) },
            f.tasks_total,
            f.tasks_completed,
            f.tasks_total - f.tasks_completed,
            if f.tasks_overdue > 0 { format!(",其中逾期未完成{}项", f.tasks_overdue) } else { String::new() }
        ),
        &f.plans.first().map(|p| format!("/plans/{}/tasks", p.0)).unwrap_or_else(|| "/plans".into()),
    )];
    if f.projects > 0 {
        let domains: Vec<String> = f.projects_by_domain.iter().map(|(d, n, v)| format!("{}领域{}个、{}亿元", super::project_domain_label(d, true), n, num(*v))).collect();
        tasks.push(fig(
            format!("减污降碳协同创新重点项目库共{}个项目,已建成{}个,已开工项目完成投资{}亿元;按领域:{}。", f.projects, f.projects_completed, num(f.investment_yi), domains.join(";")),
            &f.plans.first().map(|p| format!("/plans/{}/projects", p.0)).unwrap_or_else(|| "/plans".into()),
        ));
    }
    duties.push(Section { heading: format!("{}工作方案重点任务和重点项目", chinese[3]), level: 2, paragraphs: tasks });
    duties.push(Section {
        heading: format!("{}大气污染治理重点任务", chinese[4]),
        level: 2,
        paragraphs: vec![fig(format!("全市累计完成燃气锅炉低氮燃烧改造{}台。", f.low_nox_boilers), "/plans")],
    });
    let mut sections = vec![
        Section { heading: String::new(), level: 0, paragraphs: vec![text(f, "intro")] },
        Section { heading: "一、以生态文明思想引领各项工作顺利开展".into(), level: 1, paragraphs: vec![text(f, "leadership")] },
        Section { heading: "二、生态环境责任履行情况".into(), level: 1, paragraphs: vec![] },
    ];
    sections.extend(duties);
    sections.push(Section {
        heading: "三、督办事项整改情况".into(),
        level: 1,
        paragraphs: vec![fig(
            format!("{}年收到督办通知{}件,已答复{}件{}。", f.year, f.notices_received, f.notices_answered,
                if f.notices_received > f.notices_answered { format!(",{}件正在整改", f.notices_received - f.notices_answered) } else { String::new() }),
            &f.plans.first().map(|p| format!("/plans/{}/notices", p.0)).unwrap_or_else(|| "/plans".into()),
        )],
    });
    sections.push(Section { heading: String::new(), level: 0, paragraphs: vec![text(f, "next")] });
    Report { title: format!("{}{}年生态环境保护责任落实情况", f.unit_name, f.year), sections }
}

/// The report as a Word document (docx-rs): title, headings in 黑体, body in 仿宋, each
/// figure followed by the list it came from.
pub fn to_docx(r: &Report, base_url: &str) -> Result<Vec<u8>, String> {
    use docx_rs::{AlignmentType, Docx, Paragraph, Run, RunFonts};
    let song = || RunFonts::new().east_asia("仿宋").ascii("Times New Roman");
    let hei = || RunFonts::new().east_asia("黑体").ascii("Times New Roman");
    let mut doc = Docx::new().add_paragraph(
        Paragraph::new().align(AlignmentType::Center).add_run(Run::new().add_text(&r.title).bold().size(40).fonts(RunFonts::new().east_asia("方正小标宋简体"))),
    );
    for s in &r.sections {
        if !s.heading.is_empty() {
            let run = Run::new().add_text(&s.heading).size(32).fonts(if s.level == 1 { hei() } else { song() });
            doc = doc.add_paragraph(Paragraph::new().add_run(if s.level == 2 { run.bold() } else { run }));
        }
        for p in &s.paragraphs {
            let mut para = Paragraph::new().add_run(Run::new().add_text(format!("\u{3000}\u{3000}{}", p.text)).size(32).fonts(song()));
            if let Some(link) = &p.link {
                para = para.add_run(Run::new().add_text(format!("(数据来源:{base_url}{link})")).size(21).color("666666").fonts(song()));
            }
            doc = doc.add_paragraph(para);
        }
    }
    let mut out = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut out).map_err(|e| e.to_string())?;
    Ok(out.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> Facts {
        Facts {
            unit_name: "青岚市工业和信息化局".into(),
            year: 2026,
            division_name: "全市".into(),
            figures_year: 2025,
            energy: Some(TargetFigure { indicator: "能耗".into(), change: -12.727, required: 12.7, met: true, baseline_year: 2024, year: 2025 }),
            water: None,
            key_energy_users: 109,
            ab_grade: 84,
            exits_in_year: 3,
            exits_sealed: 1,
            exits_dismantled: 2,
            tasks_total: 5,
            tasks_completed: 3,
            tasks_overdue: 1,
            ..Default::default()
        }
    }

    #[test]
    fn figures_and_edited_blocks_are_in_the_report() {
        let mut f = facts();
        f.texts.insert("next".into(), "明年继续努力。".into());
        let r = build(&f);
        assert_eq!(r.title, "青岚市工业和信息化局2026年生态环境保护责任落实情况");
        let all: Vec<&Para> = r.sections.iter().flat_map(|s| &s.paragraphs).collect();
        let text: String = all.iter().map(|p| p.text.as_str()).collect();
        assert!(text.contains("单位增加值能耗下降12.7%(目标下降12.7%,较2024年),完成年度目标任务"), "{text}");
        assert!(text.contains("重点用能工业企业109户"));
        assert!(text.contains("A级、B级企业84家"));
        assert!(text.contains("退出落后产能3项,其中封存1项、拆除2项"));
        assert!(text.contains("逾期未完成1项"));
        assert!(text.contains("明年继续努力。"));
        assert!(all.iter().filter(|p| p.block.is_none()).all(|p| p.link.is_some()), "every figure names its list");
    }

    #[test]
    fn the_docx_is_a_word_document_with_the_text() {
        let bytes = to_docx(&build(&facts()), "http://x").unwrap();
        assert!(bytes.starts_with(b"PK\x03\x04"));
        assert!(bytes.len() > 1000);
    }
}
