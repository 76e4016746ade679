//! `lantian publication set|show`: what the public lists say about themselves (issuing body,
//! publication period, objection channel); `publish|withdraw|open|close|items`: what the public
//! portal shows, per item and per list (the same decisions as `/publication`, audited).

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
    /// Publish an item of a list (rectification | closed | campaign | exceedance): a case or
    /// campaign item id, or an episode's key as `items` prints it.
    Publish(ItemArgs),
    /// Withdraw an item from a list.
    Withdraw(ItemArgs),
    /// Open a list to the public.
    Open { list: String },
    /// Close a list to the public (its items stay decided).
    Close { list: String },
    /// The items of a list that may be published, with their decisions (tab-separated).
    Items {
        list: String,
        /// Enterprise name (part) or credit code.
        #[arg(long, default_value = "")]
        q: String,
    },
}

#[derive(Args, Debug)]
pub struct ItemArgs {
    pub list: String,
    pub item: String,
    /// Why (kept with the decision and in the audit log).
    #[arg(long, default_value = "")]
    pub note: String,
}

fn list_of(s: &str) -> Result<crate::screening::publication::PublicList> {
    crate::screening::publication::PublicList::parse(s).ok_or_else(|| Error::Invalid(crate::i18n::catalogue::publication::bad_list(s.to_string())))
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
        PublicationCommand::Publish(a) => decide(db, &a, true).await?,
        PublicationCommand::Withdraw(a) => decide(db, &a, false).await?,
        PublicationCommand::Open { list } => open(db, &list, true).await?,
        PublicationCommand::Close { list } => open(db, &list, false).await?,
        PublicationCommand::Items { list, q } => {
            let list = list_of(&list)?;
            let query = crate::storage::publication::Query { q, limit: 100_000, ..Default::default() };
            let (items, _) = crate::storage::publication::staff_items(db, &crate::auth::Scope::All, list, &query).await?;
            for it in items {
                let state = match (&it.decision, it.published()) {
                    (_, true) => "published",
                    (Some(_), false) => "withdrawn",
                    (None, false) => "not_published",
                };
                println!("{}\t{}\t{}\t{state}", it.key, it.credit_code(), it.enterprise_name());
            }
        }
    }
    Ok(())
}

fn show(p: &Publication) {
    let day = |d: Option<time::Date>| d.map(format_day).unwrap_or_else(|| "—".into());
    println!("发布机关 issuer:    {}", if p.issuer.is_empty() { "—" } else { &p.issuer });
    println!("公示期 period:      {} 至 {}", day(p.from), day(p.to));
    println!("异议渠道 objection: {}", if p.objection.is_empty() { "—" } else { &p.objection });
}

async fn decide(db: &Db, a: &ItemArgs, publish: bool) -> Result<()> {
    let list = list_of(&a.list)?;
    let item = crate::storage::publication::decide(db, &Actor::cli(), &crate::auth::Scope::All, list, &a.item, publish, &a.note).await?;
    println!("{} {} {} ({})", if publish { "published" } else { "withdrawn" }, list.code(), item.key, item.enterprise_name());
    Ok(())
}

async fn open(db: &Db, list: &str, open: bool) -> Result<()> {
    let list = list_of(list)?;
    let changed = crate::storage::publication::set_list_open(db, &Actor::cli(), list, open).await?;
    println!("{} {}{}", list.code(), if open { "open" } else { "closed" }, if changed { "" } else { " (unchanged)" });
    Ok(())
}
