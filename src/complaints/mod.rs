//! Complaints from the public (举报), no I/O: the 12369 categories (several may apply), the
//! stages received → accepted | not accepted → assigned → under investigation → answered →
//! closed (or merged into another complaint) as a state machine that refuses a skipped
//! stage, deadlines per stage from `data/complaints/deadlines.toml` (calendar or working
//! days), routing to the district and bureau (`routing`), tracking numbers (`tracking`), the
//! form's challenge (`challenge`) and the Open311 GeoReport v2 representation (`open311`).
//!
//! Sources: shared/reference/campaigns-complaints-facts.md §4 (12369 rules, 《信访条例》
//! deadlines, MEE bulletins' categories and not-accepted reasons, FixMyStreet, Open311).

pub mod challenge;
pub mod deadlines;
pub mod open311;
pub mod routing;
pub mod tracking;

use crate::i18n::catalogue::complaints as m;
use crate::i18n::Msg;

/// The pollution types of the MEE's 12369 bulletins (facts §4.5): a complaint may concern
/// several ("各污染类型之和≥100%").
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    Air,
    Water,
    Noise,
    SolidWaste,
    Ecology,
    Radiation,
}

impl Category {
    pub const ALL: [Category; 6] = [Category::Air, Category::Water, Category::Noise, Category::SolidWaste, Category::Ecology, Category::Radiation];

    pub fn code(self) -> &'static str {
        match self {
            Category::Air => "air",
            Category::Water => "water",
            Category::Noise => "noise",
            Category::SolidWaste => "solid_waste",
            Category::Ecology => "ecology",
            Category::Radiation => "radiation",
        }
    }

    pub fn parse(s: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.code() == s.trim())
    }

    pub fn label(self) -> Msg {
        match self {
            Category::Air => m::cat_air(),
            Category::Water => m::cat_water(),
            Category::Noise => m::cat_noise(),
            Category::SolidWaste => m::cat_solid_waste(),
            Category::Ecology => m::cat_ecology(),
            Category::Radiation => m::cat_radiation(),
        }
    }

    pub fn description(self) -> Msg {
        match self {
            Category::Air => m::cat_air_hint(),
            Category::Water => m::cat_water_hint(),
            Category::Noise => m::cat_noise_hint(),
            Category::SolidWaste => m::cat_solid_waste_hint(),
            Category::Ecology => m::cat_ecology_hint(),
            Category::Radiation => m::cat_radiation_hint(),
        }
    }
}

/// Categories as stored: codes separated by spaces, in the canonical order, no repeats.
pub fn categories_to_text(cats: &[Category]) -> String {
    let mut v = cats.to_vec();
    v.sort();
    v.dedup();
    v.iter().map(|c| c.code()).collect::<Vec<_>>().join(" ")
}

pub fn categories_from_text(text: &str) -> Vec<Category> {
    let mut v: Vec<Category> = text.split([' ', ',']).filter_map(Category::parse).collect();
    v.sort();
    v.dedup();
    v
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Stage {
    Received,
    Accepted,
    NotAccepted,
    Assigned,
    UnderInvestigation,
    Answered,
    Closed,
    /// Joined another complaint (a duplicate): followed there.
    Merged,
}

impl Stage {
    pub const ALL: [Stage; 8] =
        [Stage::Received, Stage::Accepted, Stage::NotAccepted, Stage::Assigned, Stage::UnderInvestigation, Stage::Answered, Stage::Closed, Stage::Merged];

    pub fn code(self) -> &'static str {
        match self {
            Stage::Received => "received",
            Stage::Accepted => "accepted",
            Stage::NotAccepted => "not_accepted",
            Stage::Assigned => "assigned",
            Stage::UnderInvestigation => "under_investigation",
            Stage::Answered => "answered",
            Stage::Closed => "closed",
            Stage::Merged => "merged",
        }
    }

    pub fn parse(s: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|c| c.code() == s)
    }

    pub fn label(self) -> Msg {
        match self {
            Stage::Received => m::stage_received(),
            Stage::Accepted => m::stage_accepted(),
            Stage::NotAccepted => m::stage_not_accepted(),
            Stage::Assigned => m::stage_assigned(),
            Stage::UnderInvestigation => m::stage_under_investigation(),
            Stage::Answered => m::stage_answered(),
            Stage::Closed => m::stage_closed(),
            Stage::Merged => m::stage_merged(),
        }
    }

    /// Nothing more happens to the complaint itself.
    pub fn is_final(self) -> bool {
        matches!(self, Stage::NotAccepted | Stage::Closed | Stage::Merged)
    }

    /// Open311's two statuses: open until a final stage.
    pub fn open311_status(self) -> &'static str {
        if self.is_final() { "closed" } else { "open" }
    }

    /// The stage that follows in the normal course (for the refusal's hint).
    fn next_actions(self) -> &'static [&'static str] {
        match self {
            Stage::Received => &["accept", "not_accept"],
            Stage::Accepted => &["assign"],
            Stage::Assigned => &["investigate"],
            Stage::UnderInvestigation => &["answer", "extend"],
            Stage::Answered => &["close"],
            Stage::NotAccepted | Stage::Closed | Stage::Merged => &[],
        }
    }
}

/// Why a complaint is not accepted: the two reasons of the MEE bulletins (facts §4.5).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotAcceptedReason {
    /// 举报线索不详
    UnclearLead,
    /// 不属于生态环境部门职责范围
    NotOurRemit,
}

impl NotAcceptedReason {
    pub const ALL: [NotAcceptedReason; 2] = [NotAcceptedReason::UnclearLead, NotAcceptedReason::NotOurRemit];
    pub fn code(self) -> &'static str {
        match self {
            NotAcceptedReason::UnclearLead => "unclear_lead",
            NotAcceptedReason::NotOurRemit => "not_our_remit",
        }
    }
    pub fn parse(s: &str) -> Option<NotAcceptedReason> {
        Self::ALL.into_iter().find(|r| r.code() == s)
    }
    pub fn label(self) -> Msg {
        match self {
            NotAcceptedReason::UnclearLead => m::reason_unclear_lead(),
            NotAcceptedReason::NotOurRemit => m::reason_not_our_remit(),
        }
    }
}

/// A step an officer takes.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    Accept,
    NotAccept { reason: NotAcceptedReason, note: String },
    Assign { handler: String },
    Investigate,
    /// The answer to the complainant (published on closing).
    Answer { text: String },
    /// The one extension of the handling period (《信访条例》 Art. 33), with its reason.
    Extend { reason: String },
    Close,
    Merge { into: String },
}

impl Action {
    pub fn code(&self) -> &'static str {
        match self {
            Action::Accept => "accept",
            Action::NotAccept { .. } => "not_accept",
            Action::Assign { .. } => "assign",
            Action::Investigate => "investigate",
            Action::Answer { .. } => "answer",
            Action::Extend { .. } => "extend",
            Action::Close => "close",
            Action::Merge { .. } => "merge",
        }
    }

    /// Read an action from a form's fields.
    pub fn from_form(action: &str, field: impl Fn(&str) -> Option<String>) -> Result<Action, Msg> {
        let text = |name: &str| field(name).map(|s| s.trim().to_string()).unwrap_or_default();
        Ok(match action {
            "accept" => Action::Accept,
            "not_accept" => {
                let code = text("reason");
                let reason = NotAcceptedReason::parse(&code).ok_or_else(|| m::reason_required(&code))?;
                Action::NotAccept { reason, note: text("note") }
            }
            "assign" => Action::Assign { handler: text("handler") },
            "investigate" => Action::Investigate,
            "answer" => Action::Answer { text: text("answer") },
            "extend" => Action::Extend { reason: text("reason") },
            "close" => Action::Close,
            "merge" => Action::Merge { into: text("into") },
            other => return Err(m::unknown_action(other)),
        })
    }
}

/// The facts of a complaint the state machine judges.
#[derive(Clone, Debug)]
pub struct State {
    pub stage: Stage,
    pub extended: bool,
    pub tracking: String,
}

/// Where a step leads, or why it is refused (nothing is written then).
pub fn step(state: &State, action: &Action) -> Result<Stage, Msg> {
    use Stage::*;
    let skipped = || {
        let next = state.stage.next_actions();
        if next.is_empty() {
            m::final_stage(state.stage.label())
        } else {
            m::stage_skipped(action.code(), state.stage.label(), next.join(" / "))
        }
    };
    match (state.stage, action) {
        (Received, Action::Accept) => Ok(Accepted),
        (Received, Action::NotAccept { .. }) => Ok(NotAccepted),
        (Accepted, Action::Assign { handler }) => {
            if handler.is_empty() { Err(m::handler_required()) } else { Ok(Assigned) }
        }
        (Assigned, Action::Investigate) => Ok(UnderInvestigation),
        (UnderInvestigation, Action::Answer { text }) => {
            if text.chars().count() < 10 { Err(m::answer_too_short(10)) } else if text.chars().count() > 5000 { Err(m::answer_too_long(5000)) } else { Ok(Answered) }
        }
        (UnderInvestigation, Action::Extend { reason }) => {
            if state.extended {
                Err(m::already_extended())
            } else if reason.chars().count() < 4 {
                Err(m::extend_reason_required())
            } else {
                Ok(UnderInvestigation)
            }
        }
        (Answered, Action::Close) => Ok(Closed),
        (s, Action::Merge { into }) if !s.is_final() && s != Answered => {
            if into.is_empty() || *into == state.tracking { Err(m::merge_into_itself()) } else { Ok(Merged) }
        }
        _ => Err(skipped()),
    }
}

/// The Open311 / public wording of a stage for the complainant.
pub fn public_note(stage: Stage) -> Msg {
    stage.label()
}

/// Checks of what the public submits (form or Open311), every problem at once.
#[derive(Clone, Debug, Default)]
pub struct Draft {
    pub categories: Vec<Category>,
    pub description: String,
    pub address: String,
    pub lon: Option<f64>,
    pub lat: Option<f64>,
    /// A district chosen by the complainant when there is no point.
    pub district: String,
    pub name: String,
    pub phone: String,
    pub email: String,
    pub real_name: bool,
}

#[derive(Clone, Debug, serde::Deserialize)]
pub struct Limits {
    pub submissions_per_hour: u32,
    pub max_photos: usize,
    pub max_photo_bytes: usize,
    pub max_description: usize,
    pub min_description: usize,
    pub max_address: usize,
    pub max_contact: usize,
    pub nearby_metres: f64,
    pub nearby_max: usize,
    pub challenge_minutes: i64,
}

pub const LIMITS_TOML: &str = include_str!("../../data/complaints/limits.toml");

pub fn limits() -> &'static Limits {
    static L: std::sync::LazyLock<Limits> = std::sync::LazyLock::new(|| toml::from_str(LIMITS_TOML).expect("data/complaints/limits.toml is valid (tested)"));
    &L
}

impl Draft {
    pub fn check(&self, limits: &Limits) -> Vec<Msg> {
        let mut problems = Vec::new();
        if self.categories.is_empty() {
            problems.push(m::category_required());
        }
        let n = self.description.trim().chars().count();
        if n < limits.min_description {
            problems.push(m::description_too_short(limits.min_description));
        } else if n > limits.max_description {
            problems.push(m::description_too_long(limits.max_description, n));
        }
        match (self.lon, self.lat) {
            (Some(lon), Some(lat)) => {
                if !(-180.0..=180.0).contains(&lon) || !(-90.0..=90.0).contains(&lat) || !lon.is_finite() || !lat.is_finite() {
                    problems.push(m::bad_point(format!("{lon}, {lat}")));
                }
            }
            (None, None) => {
                if self.address.trim().is_empty() || self.district.trim().is_empty() {
                    problems.push(m::location_required());
                }
            }
            _ => problems.push(m::location_required()),
        }
        if self.address.chars().count() > limits.max_address {
            problems.push(m::too_long(m::field_address(), limits.max_address));
        }
        for (field, value) in [(m::field_name(), &self.name), (m::field_phone(), &self.phone), (m::field_email(), &self.email)] {
            if value.chars().count() > limits.max_contact {
                problems.push(m::too_long(field, limits.max_contact));
            }
        }
        if self.real_name && (self.name.trim().is_empty() || (self.phone.trim().is_empty() && self.email.trim().is_empty())) {
            problems.push(m::real_name_needs_contact());
        }
        if !self.email.trim().is_empty() && !self.email.contains('@') {
            problems.push(m::bad_email(self.email.trim()));
        }
        problems
    }

    pub fn has_identity(&self) -> bool {
        !(self.name.trim().is_empty() && self.phone.trim().is_empty() && self.email.trim().is_empty())
    }
}

/// A photo's content type by its magic bytes (JPEG or PNG), or why it is refused.
pub fn check_photo(bytes: &[u8], file_name: &str, limits: &Limits) -> Result<&'static str, Msg> {
    if bytes.len() > limits.max_photo_bytes {
        return Err(m::photo_too_large(file_name, bytes.len() / 1024, limits.max_photo_bytes / 1024 / 1024));
    }
    crate::campaigns::photo::image_type(bytes).ok_or_else(|| m::photo_not_image(file_name))
}

/// Great-circle distance in metres.
pub fn distance_m(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    crate::campaigns::photo::distance_m(lat1, lon1, lat2, lon2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn st(stage: Stage) -> State {
        State { stage, extended: false, tracking: "JB20260101-AAAAAAA".into() }
    }

    #[test]
    fn the_normal_course_runs_stage_by_stage() {
        let mut s = st(Stage::Received);
        for (action, next) in [
            (Action::Accept, Stage::Accepted),
            (Action::Assign { handler: "officer".into() }, Stage::Assigned),
            (Action::Investigate, Stage::UnderInvestigation),
            (Action::Answer { text: "经现场核查，该企业已停产整改。".into() }, Stage::Answered),
            (Action::Close, Stage::Closed),
        ] {
            s.stage = step(&s, &action).unwrap();
            assert_eq!(s.stage, next);
        }
        assert!(s.stage.is_final());
        assert_eq!(s.stage.open311_status(), "closed");
    }

    #[test]
    fn a_skipped_stage_is_refused_naming_the_next_step() {
        let e = step(&st(Stage::Received), &Action::Answer { text: "long enough answer text".into() }).unwrap_err();
        let text = e.render(crate::i18n::Lang::En);
        assert!(text.contains("accept / not_accept"), "{text}");
        assert!(step(&st(Stage::Accepted), &Action::Investigate).is_err());
        assert!(step(&st(Stage::Assigned), &Action::Close).is_err());
        assert!(step(&st(Stage::Received), &Action::Close).is_err());
        // Final stages take no step, not even a merge.
        for s in [Stage::Closed, Stage::NotAccepted, Stage::Merged] {
            assert!(step(&st(s), &Action::Accept).is_err());
            assert!(step(&st(s), &Action::Merge { into: "JB20260101-BBBBBBB".into() }).is_err());
        }
    }

    #[test]
    fn one_extension_with_a_reason() {
        let mut s = st(Stage::UnderInvestigation);
        assert!(step(&s, &Action::Extend { reason: "".into() }).is_err());
        assert_eq!(step(&s, &Action::Extend { reason: "需要监测报告".into() }).unwrap(), Stage::UnderInvestigation);
        s.extended = true;
        assert!(step(&s, &Action::Extend { reason: "需要监测报告".into() }).is_err());
    }

    #[test]
    fn merging_needs_another_complaint() {
        assert!(step(&st(Stage::Received), &Action::Merge { into: "".into() }).is_err());
        assert!(step(&st(Stage::Received), &Action::Merge { into: "JB20260101-AAAAAAA".into() }).is_err());
        assert_eq!(step(&st(Stage::Assigned), &Action::Merge { into: "JB20260101-BBBBBBB".into() }).unwrap(), Stage::Merged);
    }

    #[test]
    fn categories_round_trip_in_canonical_order() {
        let text = categories_to_text(&[Category::Noise, Category::Air, Category::Noise]);
        assert_eq!(text, "air noise");
        assert_eq!(categories_from_text(&text), vec![Category::Air, Category::Noise]);
        assert_eq!(categories_from_text("bogus"), vec![]);
    }

    #[test]
    fn a_draft_names_every_problem() {
        let d = Draft { real_name: true, email: "x".into(), ..Default::default() };
        let problems = d.check(limits());
        let codes: Vec<_> = problems.iter().map(|p| p.code()).collect();
        for c in ["complaints.form.category_required", "complaints.form.description_too_short", "complaints.form.location_required", "complaints.form.real_name_needs_contact", "complaints.form.bad_email"] {
            assert!(codes.contains(&c), "{c} in {codes:?}");
        }
        let ok = Draft { categories: vec![Category::Air], description: "夜间有刺鼻气味，持续两小时".into(), lon: Some(108.4), lat: Some(34.1), ..Default::default() };
        assert!(ok.check(limits()).is_empty());
    }

    #[test]
    fn photos_are_checked_by_their_bytes_not_their_name() {
        let l = limits();
        assert_eq!(check_photo(b"\xFF\xD8\xFF\xE0rest", "a.jpg", l).unwrap(), "image/jpeg");
        assert!(check_photo(b"MZ\x90\x00 not an image", "evil.jpg", l).is_err());
        let big = vec![0xFFu8; l.max_photo_bytes + 1];
        assert_eq!(check_photo(&big, "big.jpg", l).unwrap_err().code(), "complaints.photo.too_large");
    }
}
