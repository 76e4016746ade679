//! The demo city's organisation and its Xi'an-style pilot plan: the seeds' real targets
//! (single-value-added energy down 12.7 %, water per 10,000 yuan down 25 % on 2020, 238 gas
//! boilers retrofitted to low-NOx by 2024 and 1,298 by 2026, at least 80 A/B-grade
//! enterprises, 66 key projects worth 26.2 billion yuan, non-fossil energy above 22 %),
//! tasks with lead, responsible and cooperating units, the key project reserve, and a
//! plausible state of progress: last month's reports filed and reviewed (one unit missing),
//! a share of the gas boilers retrofitted (`mark_low_nox`, applied by the generator),
//! supervision notices for what is behind. Dates are relative to the day the demo is loaded.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sqlx::Row;

use crate::error::Result;
use crate::plans::due;
use crate::storage::audit::Actor;
use crate::storage::plans::{self as store, NewPlan, NewTarget, NewUnit, ReportItem};
use crate::storage::Db;

pub const INDUSTRY_BUREAU: &str = "青岚市工业和信息化局";
pub const PILOT_PLAN: &str = "青岚市减污降碳协同创新试点实施方案";

fn unit(name: &str, short: &str, kind: &str, department: &str, division: &str, parent: Option<&str>) -> NewUnit {
    NewUnit {
        name: name.into(),
        short_name: short.into(),
        kind: kind.into(),
        department: department.into(),
        division_code: division.into(),
        parent: parent.map(str::to_string),
    }
}

/// The organisation tree: the city government, its bureaus, the high-tech zone committee,
/// the district and county governments with two bureaus of the demo county and its townships.
pub async fn units(db: &Db) -> Result<Vec<NewUnit>> {
    let city = Some("青岚市人民政府");
    let mut list = vec![
        unit("青岚市人民政府", "市政府", "government", "", "612000", None),
        unit(INDUSTRY_BUREAU, "市工信局", "bureau", "industry", "612000", city),
        unit("青岚市生态环境局", "市生态环境局", "bureau", "environment", "612000", city),
        unit("青岚市发展和改革委员会", "市发改委", "bureau", "development", "612000", city),
        unit("青岚市市场监督管理局", "市市场监管局", "bureau", "market", "612000", city),
        unit("青岚市应急管理局", "市应急管理局", "bureau", "emergency", "612000", city),
        unit("青岚市水务局", "市水务局", "bureau", "water", "612000", city),
        unit("青岚市交通运输局", "市交通运输局", "bureau", "transport", "612000", city),
        unit("青岚高新技术产业开发区管理委员会", "青岚高新区管委会", "zone", "", "612002", city),
    ];
    for d in crate::storage::ledger::divisions(db, Some(super::CITY_CODE)).await? {
        let gov = format!("{}人民政府", d.name);
        list.push(unit(&gov, &format!("{}政府", d.name), "government", "", &d.code, city));
        if d.code == super::accounts::DEMO_COUNTY {
            list.push(unit(&format!("{}市场监督管理局", d.name), &format!("{}市场监管局", d.name), "bureau", "market", &d.code, Some(&gov)));
            list.push(unit(&format!("{}应急管理局", d.name), &format!("{}应急管理局", d.name), "bureau", "emergency", &d.code, Some(&gov)));
            for t in crate::storage::ledger::divisions(db, Some(&d.code)).await? {
                let name = if t.name.ends_with("街道") { format!("{}办事处", t.name) } else { format!("{}人民政府", t.name) };
                list.push(unit(&name, &t.name, "township", "", &t.code, Some(&gov)));
            }
        }
    }
    Ok(list)
}

/// (number, task, measures, time node, lead, responsible, cooperating), from the seeds'
/// pilot plan (Xi'an, 2024) and the Zhengzhou and Ankang work plans.
const TASKS: &[(&str, &str, &str, &str, &str, &str, &str)] = &[
    ("1", "打造新能源汽车应用示范标杆城市", "出台支持新能源汽车扩大生产促进消费措施,组织新能源汽车进机关、下企业、入园区推广活动。", "2026年底前", "市工信局", "市交通运输局", "市发改委"),
    ("2", "加快推进高排放企业关停和退城搬迁", "全面摸排、逐户核实,确定绕城内重点行业低环保绩效企业清单,实施关停、拆除和治理设施升级改造。", "2025年底前", "市工信局", "青城区政府、岚山区政府、东川区政府", "市生态环境局"),
    ("3", "热电机组采暖季热电比平均达到110%", "督促热电企业优化运行方式,提高供热比例。", "2024年底前", "市发改委", "", "市生态环境局"),
    ("4", "渣土车、商混车新能源或国六替代80%以上", "推动新能源或国六排放标准渣土车、商混车替代。", "2024年底前", "市交通运输局", "", "市生态环境局、市工信局"),
    ("5", "完成A级、B级和绩效引领性企业不少于80家", "开展重点行业绩效分级,培育绩效引领性企业。", "2024年底前", "市生态环境局", "市工信局", ""),
    ("6", "完成238台燃气锅炉低氮燃烧深度改造", "对燃气锅炉实施低氮燃烧深度改造,2026年累计完成1298台。", "2024年底前", "市生态环境局", "青城区政府、岚山区政府", "市市场监管局"),
    ("7", "含喷涂工艺汽修企业面漆水性涂料替代不少于700家", "推动汽修企业面漆使用水性涂料替代。", "2024年底前", "市生态环境局", "", "市交通运输局"),
    ("8", "完成25个减污降碳协同创新重点项目", "按年度推进重点项目建设,到2026年推进66个重点项目、投资约262亿元。", "2024年底前", "市发改委", "市工信局", "市生态环境局"),
    ("9", "开展减污降碳协同度评价和试点阶段性评估", "开展2024年减污降碳协同度评价和试点阶段性评估。", "2024年底前", "市生态环境局", "", "市发改委"),
    ("10", "规上工业企业单位增加值能耗下降", "组织重点用能工业企业能耗双控评价,开展节能诊断服务和节能监察。", "2026年6月底前", "市工信局", "", "市发改委"),
    ("11", "万元工业增加值用水量比2020年下降25%", "落实最严格水资源管理制度,创建节水型企业。", "2026年底前", "市工信局", "", "市水务局"),
    ("12", "城市生活污水收集率达到76%以上、处理率达到96%以上", "开展污水管网清淤管护,减少甲烷排放;推进再生水利用配置试点。", "2026年底前", "市水务局", "", "市生态环境局"),
    ("13", "非化石能源占能源消费比重达到22%以上", "以新能源应用示范为主线,推动能源供给体系清洁化低碳化。", "2026年底前", "市发改委", "", "市工信局"),
    ("14", "依法依规推动落后产能退出", "利用综合标准开展落后产能摸底排查,对达不到标准的产能依法依规关停退出,市县两级现场验收。", "2026年11月30日", "市工信局", "青城区政府", "市生态环境局、市市场监管局、市应急管理局"),
];

/// Project names by domain, for the reserve of 66 projects.
const PROJECTS: &[(&str, &[&str])] = &[
    ("energy", &["分布式光伏发电", "热电联产机组供热改造", "地热能供暖示范", "储能电站", "氢能综合利用示范"]),
    ("transport", &["公交新能源车辆更新", "充换电基础设施建设", "渣土车新能源替代", "物流园区绿色货运配送"]),
    ("industry", &["工业企业节能降碳技术改造", "绿色工厂创建", "工业固废资源综合利用", "电机能效提升"]),
    ("environment", &["污水处理厂提标改造", "再生水利用配置", "污泥无害化协同处置", "VOCs综合治理"]),
];

pub async fn load_if_none(db: &Db) -> Result<bool> {
    let n: i64 = sqlx::query("SELECT CAST(COUNT(*) AS BIGINT) FROM units").fetch_one(&db.pool).await?.try_get(0)?;
    if n > 0 {
        return Ok(false);
    }
    load(db, due::today_beijing()).await?;
    Ok(true)
}

pub async fn load(db: &Db, today: time::Date) -> Result<i64> {
    let actor = Actor::system();
    store::add_units(db, &actor, &units(db).await?).await?;
    store::map_accounts(db, &actor).await?;
    let industry = store::find_unit(db, INDUSTRY_BUREAU).await?;
    let plan_id = store::create_plan(
        db,
        &actor,
        &NewPlan {
            title: PILOT_PLAN.into(),
            issuer: "青岚市人民政府办公室".into(),
            doc_number: "青政办发〔2024〕12号".into(),
            division_code: super::CITY_CODE.into(),
            lead_unit_id: industry.id,
            start_date: "2024-01-01".into(),
            end_date: "2026-12-31".into(),
            due_day: 25,
        },
    )
    .await?;
    let plan = store::plan(db, &crate::auth::Scope::All, plan_id).await?;
    let names = store::unit_names(db).await?;
    let mut rows = vec![crate::plans::import::COLUMNS.iter().map(|c| c.0.to_string()).collect::<Vec<_>>()];
    rows.extend(TASKS.iter().map(|t| vec![t.0.into(), t.1.into(), t.2.into(), t.3.into(), t.4.into(), t.5.into(), t.6.into()]));
    let parsed = crate::plans::import::parse_rows(&rows, &names, store::plan_period(&plan)?)
        .map_err(|p| crate::Error::other(format!("demo tasks: {}", p.iter().map(|x| x.to_string()).collect::<Vec<_>>().join("; "))))?;
    store::import_tasks(db, &actor, plan_id, &parsed).await?;

    let u = |n: &str| names.get(n).copied().unwrap_or(industry.id);
    // Water: the ledger has no 2020 figures, so the demo's 2020 baseline is set 18 % above 2023.
    let water_2023 = water_intensity(db, 2023).await?.unwrap_or(10.0);
    let target = |code: &str, indicator: &str, measure: &str, kind: &str, baseline: (i32, f64), goal: (i32, f64), milestones: &[(i32, f64)], source: &str, unit: i64| NewTarget {
        code: code.into(),
        indicator: indicator.into(),
        measure_unit: measure.into(),
        kind: kind.into(),
        direction: "increase".into(),
        baseline_year: Some(baseline.0),
        baseline_value: Some(baseline.1),
        target_year: goal.0,
        target_value: goal.1,
        milestones: milestones.iter().copied().collect(),
        source: source.into(),
        unit_id: unit,
    };
    let decrease = |mut t: NewTarget| {
        t.direction = "decrease".into();
        t
    };
    for t in [
        decrease(target("E1", "规上工业企业单位增加值能耗下降", "%", "change_pct", (2024, 0.0), (2025, 12.7), &[], "ledger_energy_intensity", industry.id)),
        decrease(target("W1", "万元工业增加值用水量比2020年下降", "%", "change_pct", (2020, (water_2023 / 0.82 * 100.0).round() / 100.0), (2026, 25.0), &[], "ledger_water_intensity", industry.id)),
        target("B1", "燃气锅炉低氮燃烧深度改造(累计)", "台", "level", (2023, 0.0), (2026, 1298.0), &[(2024, 238.0)], "ledger_low_nox_boilers", u("市生态环境局")),
        target("G1", "A级、B级和绩效引领性企业", "家", "level", (2023, 0.0), (2024, 80.0), &[], "ledger_ab_grade", u("市生态环境局")),
        target("P1", "减污降碳协同创新重点项目建成(累计)", "个", "level", (2023, 0.0), (2026, 66.0), &[(2024, 25.0)], "project_count", u("市发改委")),
        target("P2", "重点项目完成投资(累计)", "亿元", "level", (2023, 0.0), (2026, 262.0), &[], "project_investment", u("市发改委")),
        target("N1", "非化石能源占能源消费比重", "%", "level", (2023, 18.6), (2026, 22.0), &[], "reported", u("市发改委")),
        target("X1", "依法依规退出落后产能(项)", "项", "level", (2024, 0.0), (2026, 12.0), &[], "exit_cases", industry.id),
    ] {
        store::add_target(db, &actor, plan_id, &t).await?;
    }
    add_projects(db, &actor, plan_id, &names, today).await?;
    file_demo_reports(db, &actor, &plan, today).await?;
    let plan = store::plan(db, &crate::auth::Scope::All, plan_id).await?;
    store::issue_notices(db, &actor, &plan, today).await?;
    Ok(plan_id)
}

async fn water_intensity(db: &Db, year: i64) -> Result<Option<f64>> {
    let rows = sqlx::query("SELECT y.water_m3, y.value_added_10k_yuan FROM yearly_figures y JOIN enterprises e ON e.id = y.enterprise_id WHERE y.year = $1 AND e.above_scale = 1")
        .bind(year)
        .fetch_all(&db.pool)
        .await?;
    let pairs: Vec<(Option<f64>, Option<f64>)> = rows.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).collect::<Result<_>>()?;
    Ok(crate::plans::progress::intensity(&pairs))
}

/// Three in five of the demo city's gas boilers have had their low-NOx combustion retrofit
/// (process `low_nox`), so the boiler target has a plausible state. Applied by the generator
/// without drawing random numbers, so the rest of the city is unchanged.
pub fn mark_low_nox(bundles: &mut [crate::ledger::model::EnterpriseBundle]) {
    let boilers = bundles.iter_mut().flat_map(|b| b.equipment.iter_mut()).filter(|q| q.kind == "gas_boiler" && q.process.is_empty());
    for (i, q) in boilers.enumerate() {
        if i % 5 < 3 {
            q.process = "low_nox".into();
        }
    }
}

/// Links the demo's saved scenario to the energy project of its district in the pilot plan's
/// reserve (the latest one), so that the reserve shows a modelled co-reduction (issue 13). Nothing
/// happens when a project already names a scenario.
pub async fn link_scenario(db: &Db, scenario_id: i64) -> Result<()> {
    let scenario = crate::storage::inventory::get(db, &crate::auth::Scope::All, scenario_id).await?;
    for plan in store::plans(db, &crate::auth::Scope::All).await? {
        let projects = store::projects(db, plan.id).await?;
        if projects.iter().any(|p| p.scenario_id.is_some()) {
            return Ok(());
        }
        let energy = projects.iter().filter(|p| p.domain == "energy");
        let district = ["青城区", "岚山区", "东川区", "石门县", "柳溪县", "云台县"].into_iter().find(|d| scenario.scenario.name.contains(d));
        let chosen = energy.clone().filter(|p| district.is_some_and(|d| p.name.starts_with(d))).max_by_key(|p| p.year).or_else(|| energy.max_by_key(|p| p.year));
        if let Some(p) = chosen {
            return store::link_project_scenario(db, &Actor::system(), plan.id, p.id, Some(scenario_id)).await;
        }
    }
    Ok(())
}

/// 66 projects over 2024–2026 summing to 26.2 billion yuan (2,620,000 × 10,000 yuan): 25 in
/// 2024 (completed), 21 in 2025, 20 in 2026, each year's state as of `today`.
async fn add_projects(db: &Db, actor: &Actor, plan_id: i64, names: &std::collections::HashMap<String, i64>, today: time::Date) -> Result<()> {
    let mut rng = ChaCha8Rng::seed_from_u64(12);
    let mut list = Vec::new();
    for (year, count) in [(2024, 25), (2025, 21), (2026, 20)] {
        for i in 0..count {
            let (domain, kinds) = PROJECTS[(i + year as usize) % PROJECTS.len()];
            let kind = kinds[rng.gen_range(0..kinds.len())];
            let weight: f64 = rng.gen_range(0.3..2.0);
            list.push((year, domain, kind, weight));
        }
    }
    let total_weight: f64 = list.iter().map(|p| p.3).sum();
    let target_10k = 2_620_000.0;
    let mut allotted = 0.0;
    let district = ["青城区", "岚山区", "东川区", "石门县", "柳溪县", "云台县"];
    let n = list.len();
    for (i, (year, domain, kind, weight)) in list.into_iter().enumerate() {
        let investment = if i + 1 == n { target_10k - allotted } else { (target_10k * weight / total_weight).round() };
        allotted += investment;
        let status = match year {
            y if y < today.year() - 1 => "completed",
            y if y < today.year() => if i % 3 == 0 { "under_construction" } else { "completed" },
            _ => if i % 2 == 0 { "under_construction" } else { "planned" },
        };
        let unit = match domain {
            "energy" => "市发改委",
            "transport" => "市交通运输局",
            "industry" => "市工信局",
            _ => "市生态环境局",
        };
        let reduction = match domain {
            "energy" => format!("年替代标准煤约 {} 吨,减排二氧化碳约 {} 吨", (investment / 20.0).round(), (investment / 8.0).round()),
            "transport" => format!("年减排氮氧化物约 {} 吨", (investment / 3000.0).round().max(1.0)),
            "industry" => format!("年节能约 {} 吨标准煤", (investment / 25.0).round()),
            _ => format!("年削减化学需氧量约 {} 吨", (investment / 1500.0).round().max(1.0)),
        };
        let p = crate::plans::Project {
            id: 0,
            plan_id,
            name: format!("{}{}项目({})", district[i % district.len()], kind, year),
            domain: domain.into(),
            investment_10k: investment,
            year,
            status: status.into(),
            expected_reduction: reduction,
            unit_id: names.get(unit).copied().unwrap_or(0),
            scenario_id: None,
        };
        store::add_project(db, actor, &p).await?;
    }
    Ok(())
}

/// Last month's reports: every reporting unit but the transport bureau files (one of them a day
/// late), the lead unit accepts them; tasks due in 2024 are reported completed except the
/// water-borne paint task (7), which stays behind.
async fn file_demo_reports(db: &Db, actor: &Actor, plan: &crate::plans::Plan, today: time::Date) -> Result<()> {
    let (y, m) = if today.month() == time::Month::January { (today.year() - 1, time::Month::December) } else { (today.year(), today.month().previous()) };
    let month = due::format_month(y, m);
    let Some(due_on) = due::due_date(y, m, plan.due_day) else { return Ok(()) };
    let tasks = store::tasks(db, plan.id).await?;
    let targets = store::targets(db, plan.id).await?;
    let transport = store::find_unit(db, "市交通运输局").await?.id;
    for (k, unit) in store::reporting_units(&tasks, &targets).into_iter().enumerate() {
        if unit == transport {
            continue;
        }
        let mut items = Vec::new();
        for t in tasks.iter().filter(|t| t.reporting_units().contains(&unit)) {
            let done = t.due_date.as_str() < "2025-01-01" && t.number != "7";
            items.push(ReportItem {
                task_id: Some(t.id),
                target_id: None,
                task_state: if done { "completed" } else { "in_progress" }.into(),
                value: None,
                progress: if done { format!("已按期完成:{}", t.title) } else { format!("持续推进:{}。", t.measures.chars().take(40).collect::<String>()) },
            });
        }
        for g in targets.iter().filter(|g| g.unit_id == unit) {
            items.push(ReportItem {
                task_id: None,
                target_id: Some(g.id),
                task_state: String::new(),
                value: (g.source == crate::plans::Source::Reported).then_some(20.9),
                progress: String::new(),
            });
        }
        let filed = if k == 1 { due_on + time::Duration::days(1) } else { due_on - time::Duration::days((k % 4) as i64 + 1) };
        let id = store::file_report(db, actor, plan, unit, &month, filed, "本月各项工作按计划推进。", &items, &[]).await?;
        store::review_report(db, actor, plan.id, id, true, "").await?;
    }
    Ok(())
}
