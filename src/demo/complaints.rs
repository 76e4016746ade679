//! The demo city's complaints (举报): a few hundred over the last 75 days, at points inside the
//! demo districts, each taken through the stages as far as its dates allow (some stuck and
//! overdue, some not accepted, some merged into an earlier one, the closed ones with their answer
//! published). Deterministic (ChaCha8 from a fixed seed, relative to `today`).

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use time::{Date, Duration};

use crate::complaints::deadlines::{self, Settings};
use crate::complaints::{categories_to_text, routing, tracking, Category, NotAcceptedReason, Stage};
use crate::error::Result;
use crate::storage::audit::Actor;
use crate::storage::complaints::{self as store, Complaint, Event, Identity, Seeded};
use crate::storage::Db;

pub const DEFAULT_COUNT: usize = 300;
pub const HANDLER: &str = "city-environment";

const PLACES: &[&str] = &["化工园区东侧", "城郊结合部", "居民小区旁", "河道下游", "工业路", "农贸市场北", "高速出口附近", "村委会西侧", "学校对面", "物流园"];
const WHAT: &[(Category, &str)] = &[
    (Category::Air, "夜间有刺鼻异味，持续数小时，门窗关闭也能闻到"),
    (Category::Air, "烟囱冒黑烟，周边车辆落满灰尘"),
    (Category::Air, "露天喷漆，油漆味很重"),
    (Category::Water, "排水口流出发黑发臭的废水，直排河道"),
    (Category::Water, "河面漂浮白色泡沫，鱼类死亡"),
    (Category::Noise, "夜间施工噪声扰民，超过晚上十点仍在作业"),
    (Category::Noise, "厂房风机噪声很大，昼夜不停"),
    (Category::SolidWaste, "在空地倾倒工业废渣和废桶"),
    (Category::SolidWaste, "疑似危险废物露天堆放，没有防雨措施"),
    (Category::Ecology, "河滩非法采砂，破坏河堤"),
    (Category::Radiation, "楼顶新装大功率设备，担心电磁辐射"),
];
const ANSWERS: &[&str] = &[
    "经现场核查，举报情况属实。我局已责令该企业立即停止违法排污行为，依法立案查处，并将持续跟踪整改情况。",
    "经现场核查，该单位已停产整改，废气治理设施正在安装，整改完成后将组织复查。",
    "经调查，举报所述施工单位已按要求调整作业时间，夜间不再施工；我局将加强巡查。",
    "经现场检查及监测，未发现举报所述问题，相关监测数据符合排放标准。感谢您的监督。",
    "已联合属地乡镇对倾倒的废物进行清运处置，并对责任人依法处罚。",
];
const SURNAMES: &[&str] = &["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"];

fn point_in(b: &crate::map::Boundary, rng: &mut ChaCha8Rng) -> (f64, f64) {
    let (x0, y0, x1, y1) = b.bbox();
    for _ in 0..1000 {
        let p = (rng.gen_range(x0..x1), rng.gen_range(y0..y1));
        if b.contains(p.0, p.1) {
            return ((p.0 * 1e5).round() / 1e5, (p.1 * 1e5).round() / 1e5);
        }
    }
    (x0, y0)
}

fn at(d: Date, rng: &mut ChaCha8Rng) -> String {
    // A time of day in Beijing, stored as UTC.
    let t = d.with_hms(rng.gen_range(8..21), rng.gen_range(0..60), rng.gen_range(0..60)).unwrap_or(d.midnight()).assume_offset(time::macros::offset!(+8));
    t.to_offset(time::UtcOffset::UTC).format(time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].000Z")).unwrap_or_default()
}

/// Generate `n` complaints relative to `today`.
pub fn generate(n: usize, today: Date, seed: u64) -> Vec<Seeded> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let settings = Settings::embedded();
    let table = routing::Table::embedded();
    let districts = &*crate::map::DEMO;
    let mut out: Vec<Seeded> = Vec::with_capacity(n);
    for i in 0..n {
        let b = &districts[rng.gen_range(0..districts.len())];
        let (lon, lat) = point_in(b, &mut rng);
        let (cat, text) = WHAT[rng.gen_range(0..WHAT.len())];
        let mut cats = vec![cat];
        if rng.gen_bool(0.2) {
            cats.push(Category::ALL[rng.gen_range(0..3)]);
        }
        cats.sort();
        cats.dedup();
        let received = today - Duration::days(rng.gen_range(0..75));
        let received_at = at(received, &mut rng);
        let place = PLACES[rng.gen_range(0..PLACES.len())];
        let has_identity = rng.gen_bool(0.6);
        let real_name = has_identity && rng.gen_bool(0.5);
        let identity = has_identity.then(|| Identity {
            name: format!("{}{}", SURNAMES[rng.gen_range(0..SURNAMES.len())], if rng.gen_bool(0.5) { "先生" } else { "女士" }),
            phone: format!("139{:08}", rng.gen_range(0..100_000_000u32)),
            email: String::new(),
        });
        let mut events = vec![Event { action: "receive".into(), from_stage: "received".into(), to_stage: "received".into(), note: String::new(), actor: "public:web".into(), at: received_at.clone() }];
        let mut stage = Stage::Received;
        let mut stage_on = received;
        let mut accepted_on = None;
        let mut c = Complaint {
            id: 0,
            tracking: tracking::new(received, &mut rng),
            token: format!("{:032x}", rng.r#gen::<u128>()),
            channel: if rng.gen_bool(0.15) { "open311".into() } else { "web".into() },
            partner: String::new(),
            categories: categories_to_text(&cats),
            service_code: cats[0].code().into(),
            description: format!("{}{}", place, text),
            address: format!("{}{}", b.name, place),
            lon: Some(lon),
            lat: Some(lat),
            division_code: b.code.clone(),
            bureau: table.bureau(&cats).map(|d| d.code().to_string()).unwrap_or_else(|| "environment".into()),
            stage: String::new(),
            not_accepted_reason: String::new(),
            merged_into: String::new(),
            supporters: 0,
            real_name,
            reward_flag: real_name,
            handler: String::new(),
            answer: String::new(),
            published: false,
            extended: false,
            received_at: received_at.clone(),
            accepted_on: None,
            stage_on: String::new(),
            due_on: None,
            closed_at: None,
            updated_at: received_at.clone(),
        };
        if c.channel == "open311" {
            c.partner = "12345 政务服务便民热线".into();
        }
        // How far the officers got: some complaints stay stuck (and become overdue).
        let stuck = rng.gen_bool(0.12);
        let mut day = received;
        let mut step = |to: Stage, action: &str, gap: i64, note: String, day: &mut Date, rng: &mut ChaCha8Rng| -> bool {
            let next = *day + Duration::days(gap);
            if next > today {
                return false;
            }
            *day = next;
            events.push(Event { action: action.into(), from_stage: stage.code().into(), to_stage: to.code().into(), note, actor: HANDLER.into(), at: at(next, rng) });
            stage = to;
            stage_on = next;
            true
        };
        let merged = i > 20 && rng.gen_bool(0.05);
        if merged {
            // A duplicate of an earlier complaint that is still open.
            if let Some(target) = out.iter_mut().rev().find(|s| s.c.division_code == c.division_code && !Stage::parse(&s.c.stage).is_some_and(|s| s.is_final())) {
                if step(Stage::Merged, "merge", rng.gen_range(0..2), target.c.tracking.clone(), &mut day, &mut rng) {
                    c.merged_into = target.c.tracking.clone();
                    target.c.supporters += 1;
                }
            }
        } else if !stuck || rng.gen_bool(0.5) {
            if rng.gen_bool(0.08) {
                let reason = if rng.gen_bool(0.5) { NotAcceptedReason::UnclearLead } else { NotAcceptedReason::NotOurRemit };
                if step(Stage::NotAccepted, "not_accept", rng.gen_range(0..3), String::new(), &mut day, &mut rng) {
                    c.not_accepted_reason = reason.code().into();
                }
            } else if step(Stage::Accepted, "accept", rng.gen_range(0..3), String::new(), &mut day, &mut rng) {
                accepted_on = Some(day);
                if !stuck && step(Stage::Assigned, "assign", rng.gen_range(0..3), HANDLER.into(), &mut day, &mut rng) {
                    c.handler = HANDLER.into();
                    if step(Stage::UnderInvestigation, "investigate", rng.gen_range(0..4), String::new(), &mut day, &mut rng) {
                        let answer = ANSWERS[rng.gen_range(0..ANSWERS.len())].to_string();
                        if step(Stage::Answered, "answer", rng.gen_range(3..45), answer.clone(), &mut day, &mut rng) {
                            c.answer = answer;
                            if step(Stage::Closed, "close", rng.gen_range(0..4), String::new(), &mut day, &mut rng) {
                                c.published = true;
                            }
                        }
                    }
                }
            }
        }
        if stage.is_final() {
            c.closed_at = events.last().map(|e| e.at.clone());
        }
        c.stage = stage.code().into();
        c.accepted_on = accepted_on.map(deadlines::format_date);
        c.stage_on = deadlines::format_date(stage_on);
        c.due_on = settings.due(stage, stage_on, accepted_on, false).map(deadlines::format_date);
        c.updated_at = events.last().map(|e| e.at.clone()).unwrap_or(received_at);
        out.push(Seeded { c, identity, events });
    }
    out
}

/// Load the demo complaints into an empty complaints table.
pub async fn load_if_none(db: &Db) -> Result<bool> {
    use sqlx::Row;
    let n: i64 = sqlx::query("SELECT CAST(COUNT(*) AS BIGINT) FROM complaints").fetch_one(&db.pool).await?.try_get(0)?;
    if n > 0 {
        return Ok(false);
    }
    let list = generate(DEFAULT_COUNT, deadlines::today_beijing(), 14);
    store::seed(db, &Actor::system(), &list).await?;
    store::sweep_overdue(db, deadlines::today_beijing()).await?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_has_every_stage_some_overdue_merged_and_published() {
        let today = time::macros::date!(2026 - 12 - 04);
        let list = generate(DEFAULT_COUNT, today, 14);
        assert_eq!(list.len(), DEFAULT_COUNT);
        for s in Stage::ALL {
            assert!(list.iter().any(|x| x.c.stage == s.code()), "a complaint at {s:?}");
        }
        let overdue = list.iter().filter(|x| deadlines::overdue(x.c.due_on.as_deref().and_then(deadlines::parse_date), today)).count();
        assert!(overdue >= 10, "{overdue} overdue");
        assert!(list.iter().filter(|x| x.c.published && !x.c.answer.is_empty()).count() >= 20);
        for x in list.iter().filter(|x| x.c.stage == "merged") {
            assert!(list.iter().any(|y| y.c.tracking == x.c.merged_into && y.c.supporters > 0));
        }
        for x in &list {
            assert!(crate::map::DEMO.iter().find(|b| b.code == x.c.division_code).unwrap().contains(x.c.lon.unwrap(), x.c.lat.unwrap()));
            assert!(tracking::parse(&x.c.tracking).is_some());
        }
    }
}
