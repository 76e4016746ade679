//! Running the catalogue in force over a jurisdiction and keeping the result: the run
//! with its findings, the diff against the previous run of the same scope, and one case
//! per enterprise for its new findings that need the exit workflow.

use std::collections::BTreeMap;

use crate::auth::Scope;
use crate::error::Result;
use crate::screening::engine::{screen, Screening};
use crate::storage::audit::Actor;
use crate::storage::runs::{self, Diff};
use crate::storage::{cases, rules, Db};

pub struct RunOutcome {
    pub run_id: i64,
    pub result: Screening,
    pub diff: Option<Diff>,
    pub cases_opened: usize,
}

/// Screen the subjects inside `scope` with the catalogue in force and store everything.
pub async fn run(db: &Db, actor: &Actor, scope: &Scope) -> Result<RunOutcome> {
    let in_force = rules::in_force(db).await?;
    let mut subjects = crate::storage::screening::subjects(db).await?;
    subjects.retain(|s| scope.admits(&s.division_code, &s.credit_code));
    let equipment: usize = subjects.iter().map(|s| s.equipment.len()).sum();
    let divisions: BTreeMap<String, (String, String)> =
        subjects.iter().map(|s| (s.credit_code.clone(), (s.division_code.clone(), s.industry.clone()))).collect();
    let result = screen(&in_force.catalogue, &subjects);
    let previous = runs::recent(db, scope, 1).await?.into_iter().next();
    let run_id = runs::save(db, actor, in_force.id, scope, &result, &divisions, (subjects.len(), equipment)).await?;
    let current = runs::findings(db, run_id, scope).await?;
    let diff = match previous {
        Some(p) => Some(runs::diff(&runs::findings(db, p.id, scope).await?, &current)),
        None => None,
    };
    let cases_opened = cases::open_from_findings(db, actor, Some(run_id), &current).await?;
    Ok(RunOutcome { run_id, result, diff, cases_opened })
}
