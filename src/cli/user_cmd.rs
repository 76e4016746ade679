//! `lantian user add|list|disable|enable|unlock|passwd`: accounts from the server's shell.

use std::io::BufRead;

use clap::Subcommand;

use crate::auth::{password, Department, Role};
use crate::error::{Error, Result};
use crate::storage::accounts::{self, NewUser};
use crate::storage::audit::Actor;
use crate::storage::Db;

#[derive(Subcommand, Debug)]
pub enum UserCommand {
    /// Add an account. Without --password-stdin a strong password is generated and printed once.
    Add {
        username: String,
        /// admin | bureau | township | grid | enterprise
        #[arg(long)]
        role: String,
        /// Bureau staff: industry | environment | market | emergency | development
        #[arg(long)]
        department: Option<String>,
        /// Jurisdiction: division codes (bureau: province/city/county; township; grid cells). Repeat or comma-separate.
        #[arg(long, value_delimiter = ',')]
        division: Vec<String>,
        /// Enterprise accounts: the enterprise's credit code.
        #[arg(long)]
        enterprise: Option<String>,
        /// Display name.
        #[arg(long, default_value = "")]
        name: String,
        /// Read the password from the first line of stdin.
        #[arg(long)]
        password_stdin: bool,
    },
    /// List accounts.
    List,
    /// Disable an account (its sessions end at once).
    Disable { username: String },
    /// Enable a disabled account.
    Enable { username: String },
    /// Lift a sign-in lockout (after repeated failed sign-ins) before it expires.
    Unlock { username: String },
    /// Set a new password (from stdin with --password-stdin, else generated and printed once).
    Passwd {
        username: String,
        #[arg(long)]
        password_stdin: bool,
    },
}

fn password_from(stdin: bool) -> Result<(String, bool)> {
    if stdin {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        let p = line.trim_end_matches(['\r', '\n']).to_string();
        if p.is_empty() {
            return Err(Error::Invalid(crate::i18n::catalogue::cli::no_password()));
        }
        Ok((p, false))
    } else {
        Ok((password::generate(), true))
    }
}

pub async fn run(db: &Db, cmd: UserCommand) -> Result<()> {
    let actor = Actor::cli();
    match cmd {
        UserCommand::Add { username, role, department, division, enterprise, name, password_stdin } => {
            let role = Role::parse(&role)
                .ok_or_else(|| Error::Invalid(crate::i18n::catalogue::cli::role(&role)))?;
            let department = department
                .map(|d| Department::parse(&d).ok_or_else(|| Error::Invalid(crate::i18n::catalogue::cli::department(&d))))
                .transpose()?;
            let (password, generated) = password_from(password_stdin)?;
            let user = NewUser {
                username,
                display_name: name,
                role,
                department,
                divisions: division.into_iter().map(|d| d.trim().to_string()).filter(|d| !d.is_empty()).collect(),
                enterprise_code: enterprise.unwrap_or_default().trim().to_uppercase(),
                password: password.clone(),
            };
            accounts::add_user(db, &actor, &user).await?;
            println!("added {} ({})", user.username, role.code());
            if generated {
                println!("password: {password}");
            }
        }
        UserCommand::List => {
            println!("{:<20} {:<11} {:<12} {:<28} {:<8} name", "username", "role", "department", "jurisdiction", "state");
            for u in accounts::list_users(db).await? {
                let state = if u.disabled { "disabled" } else if u.locked { "locked" } else { "active" };
                let reach = if u.enterprise_code.is_empty() { u.divisions } else { u.enterprise_code };
                println!("{:<20} {:<11} {:<12} {:<28} {:<8} {}", u.username, u.role, u.department, reach, state, u.display_name);
            }
        }
        UserCommand::Disable { username } => {
            accounts::set_disabled(db, &actor, &username, true).await?;
            println!("disabled {username}");
        }
        UserCommand::Enable { username } => {
            accounts::set_disabled(db, &actor, &username, false).await?;
            println!("enabled {username}");
        }
        UserCommand::Unlock { username } => {
            accounts::unlock(db, &actor, &username).await?;
            println!("unlocked {username}");
        }
        UserCommand::Passwd { username, password_stdin } => {
            let (password, generated) = password_from(password_stdin)?;
            accounts::set_password(db, &actor, &username, &password, None).await?;
            println!("password of {username} changed; their sessions have ended");
            if generated {
                println!("password: {password}");
            }
        }
    }
    Ok(())
}

/// Create the demo accounts when the database has none (serve --demo, lantian demo).
pub async fn add_demo_accounts_if_none(db: &Db, city: &crate::demo::DemoCity) -> Result<()> {
    if !accounts::list_users(db).await?.is_empty() {
        return Ok(());
    }
    let actor = Actor { name: "demo".into(), role: "system".into(), ip: String::new() };
    let list = crate::demo::accounts::accounts(city);
    for u in &list {
        accounts::add_user(db, &actor, u).await?;
    }
    eprintln!(
        "demo accounts: {} (password {}; for trying the platform only)",
        list.iter().map(|u| u.username.as_str()).collect::<Vec<_>>().join(", "),
        crate::demo::accounts::DEMO_PASSWORD
    );
    Ok(())
}
