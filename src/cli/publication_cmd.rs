//! `lantian publication set|show`: what the public lists say about themselves (issuing body,
//! publication period, objection channel).

use clap::{Args, Subcommand};

use crate::error::{Error, Result};
use crate::screening::publication::{format_day, Publication};
use crate::storage::audit::Actor;
use crate::storage::Db;

#[derive(Subcommand, Debug)]
pub enum PublicationCommand {
    /// Set the publication notice; options not given keep their value, an empty value clears it.
    Set(SetArgs),
    /// Show the publication notice.
    Show,
}

#[derive(Args, Debug)]
pub struct SetArgs {
    /// 发布机关, e.g. "青岚市工业和信息化局".
    #[arg(long)]
    pub issuer: Option<String>,
    /// First day of the publication period (YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<String>,
    /// Last day of the publication period (YYYY-MM-DD).
    #[arg(long)]
    pub to: Option<String>,
    /// How to object within the period: office, address, phone, e-mail.
    #[arg(long)]
    pub objection: Option<String>,
}

pub async fn run(db: &Db, cmd: PublicationCommand) -> Result<()> {
    let now = Publication::from_settings(&crate::storage::settings::all(db).await?);
    match cmd {
        PublicationCommand::Set(a) => {
            let day = |d: Option<time::Date>| d.map(format_day).unwrap_or_default();
            let p = Publication::parse(
                a.issuer.as_deref().unwrap_or(&now.issuer),
                a.from.as_deref().unwrap_or(&day(now.from)),
                a.to.as_deref().unwrap_or(&day(now.to)),
                a.objection.as_deref().unwrap_or(&now.objection),
            )
            .map_err(|problems| Error::Invalid(crate::i18n::catalogue::cli::nothing_changed(problems.join("; "))))?;
            let n = crate::storage::settings::set(db, &Actor::cli(), &p.settings()).await?;
            println!("{n} setting(s) changed");
            show(&p);
        }
        PublicationCommand::Show => show(&now),
    }
    Ok(())
}

fn show(p: &Publication) {
    let day = |d: Option<time::Date>| d.map(format_day).unwrap_or_else(|| "—".into());
    println!("发布机关 issuer:    {}", if p.issuer.is_empty() { "—" } else { &p.issuer });
    println!("公示期 period:      {} 至 {}", day(p.from), day(p.to));
    println!("异议渠道 objection: {}", if p.objection.is_empty() { "—" } else { &p.objection });
}
