//! The `sspr` command line: serve, migrate, and account administration without the web page
//! (so the first admin can be created from a shell), and test data (`seed`). Passwords are read
//! from standard input, never from arguments, which other users of the machine could see.

use super::config::Config;
use super::crypto::hash_now;
use super::db::{self, Db, accounts::NewAccount};
use crate::domain::directory::{self, PasswordSource, Role};
use crate::domain::{AppError, NewPassword, PasswordContext, UserId};
use clap::{Parser, Subcommand};
use std::io::{BufRead, IsTerminal};
use std::process::ExitCode;

/// The command line speaks English, its counts by English's plural rule.
const EN: crate::i18n::Locale = crate::i18n::Locale::En;

#[derive(Parser)]
#[command(name = "sspr", version, about = "Self-service password reset")]
struct Cli {
    /// Without a command, `serve` (as cargo-leptos starts the binary).
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web application (and deliver queued messages).
    Serve,
    /// Apply the database migrations, then exit.
    Migrate,
    /// Manage accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Create registered accounts seed1@contoso.example, seed2@… for measurements and scale
    /// tests (all with the demo password); those that exist are skipped.
    Seed {
        /// How many accounts (seed1 to seedN).
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..=9_999_999))]
        accounts: u32,
        /// Also append this many hash-chained audit entries over the last 60 days, about the
        /// accounts in the directory.
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..=9_999_999))]
        audit: Option<u32>,
    },
    /// Check or export the audit log.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Show or change the password reset policy.
    Policy {
        #[command(subcommand)]
        command: PolicyCommand,
    },
    /// Check the connection to the directory (SSPR_DIRECTORY).
    Directory {
        #[command(subcommand)]
        command: DirectoryCommand,
    },
}

#[derive(Subcommand)]
enum DirectoryCommand {
    /// Test the connection, TLS, the service account's bind and rights, what the server
    /// supports, the users the filter finds and, with USER, that user's entry as sspr maps it.
    /// Exits 1 when a step fails.
    Test {
        /// A user ID to look up.
        user: Option<String>,
    },
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Recompute the hash chain: "intact: N entries" (exit 0) or "BROKEN at entry ID" (exit 1).
    Verify,
    /// Write the entries that match the filters to standard output, newest first.
    Export {
        #[arg(long, value_parser = ["csv", "json"], default_value = "csv")]
        format: String,
        /// First day included (YYYY-MM-DD, UTC).
        #[arg(long)]
        from: Option<String>,
        /// Last day included (YYYY-MM-DD, UTC).
        #[arg(long)]
        to: Option<String>,
        /// An event name, such as reset_completed.
        #[arg(long)]
        event: Option<String>,
        /// The user ID of the account the entries are about.
        #[arg(long)]
        account: Option<String>,
    },
}

#[derive(Subcommand)]
enum PolicyCommand {
    /// Print the version in force and the policy as JSON.
    Show,
    /// Change settings, checked like the admin console's form, and save a new version:
    /// `sspr policy set methods_required=2 offer_questions=false enabled_for=group:Staff`.
    Set {
        /// KEY=VALUE, with the policy's JSON keys (enabled_for=all|none|group:NAME).
        #[arg(required = true)]
        settings: Vec<String>,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create an account; its password is read from standard input.
    Add {
        user_id: String,
        #[arg(long)]
        name: String,
        /// The primary e-mail (defaults to the user ID).
        #[arg(long)]
        email: Option<String>,
        #[arg(long)]
        admin: bool,
        /// The user must choose a new password at first sign-in.
        #[arg(long)]
        must_change: bool,
        /// The password is managed on-premises and cannot be reset here.
        #[arg(long)]
        on_premises: bool,
        /// The account has no licence for password reset.
        #[arg(long)]
        unlicensed: bool,
    },
    /// Set an account's password, read from standard input.
    SetPassword {
        user_id: String,
        #[arg(long)]
        must_change: bool,
    },
    /// Make an account an administrator.
    Promote { user_id: String },
    /// Create every account of a CSV file, or none (columns: user_id, display_name, and
    /// optionally primary_email, office_phone, groups (names separated by ;), password_source,
    /// role, licensed, enabled). Prints each user ID with its temporary password, as CSV.
    Import { file: std::path::PathBuf },
}

pub async fn main() -> ExitCode {
    let cli = Cli::parse();
    let config = match Config::from_env() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("sspr: {e}");
            return ExitCode::from(2);
        }
    };
    init_logging(&config);
    let result = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => super::serve::run(config).await,
        Command::Migrate => open(&config).await.map(|_| println!("migrations applied")),
        Command::User { command } => user(&config, command).await,
        Command::Seed { accounts, audit } => seed(&config, accounts, audit).await,
        Command::Audit { command } => audit(&config, command).await,
        Command::Policy { command } => policy(&config, command).await,
        Command::Directory { command: DirectoryCommand::Test { user } } => test_directory(&config, user.as_deref()).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sspr: {e}");
            ExitCode::FAILURE
        }
    }
}

fn init_logging(config: &Config) {
    let filter = tracing_subscriber::EnvFilter::new(&config.log_filter);
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    if config.log_json {
        builder.json().flatten_event(true).init();
    } else {
        builder.init();
    }
}

async fn open(config: &Config) -> Result<Db, String> {
    let db = Db::connect(&config.database_url).await.map_err(|e| format!("DATABASE_URL: cannot open the database: {e}"))?;
    db.migrate().await.map_err(|e| format!("database migration failed: {e}"))?;
    Ok(db)
}

async fn seed(config: &Config, count: u32, audit: Option<u32>) -> Result<(), String> {
    if !matches!(config.directory, super::config::DirectoryConfig::Builtin) {
        return Err("seeded accounts belong to the built-in directory: unset SSPR_DIRECTORY".into());
    }
    let db = open(config).await?;
    let started = std::time::Instant::now();
    let created = super::seed::accounts(&db, count).await?;
    let seconds = started.elapsed().as_secs_f64();
    println!("{} created, {} already existed, in {seconds:.2} s", EN.count(created.into(), "account", "accounts"), count - created);
    println!("password of every seeded account: {}", super::seed::PASSWORD);
    if let Some(entries) = audit {
        let started = std::time::Instant::now();
        super::seed::audit(&db, entries).await?;
        println!("{entries} audit entries appended in {:.2} s", started.elapsed().as_secs_f64());
    }
    db.close().await;
    Ok(())
}

async fn audit(config: &Config, command: AuditCommand) -> Result<(), String> {
    use super::admin::audit::{Format, start_cli_export};
    use super::db::audit::{Verdict, verify};
    use std::io::Write;
    let db = open(config).await?;
    let en = crate::i18n::Locale::En.texts();
    let result = match command {
        AuditCommand::Verify => {
            let mut c = db.acquire().await.map_err(|e| e.to_string())?;
            match verify(c.conn()).await.map_err(|e| e.to_string())? {
                Verdict::Intact { entries } => {
                    println!("intact: {entries} entries");
                    Ok(())
                }
                Verdict::Broken { at_id } => {
                    println!("BROKEN at entry {at_id}");
                    Err("the audit log was edited or an entry deleted".to_owned())
                }
            }
        }
        AuditCommand::Export { format, from, to, event, account } => {
            let query = crate::domain::audit::AuditQuery { user_id: account, event, from, to };
            let format = Format::parse(&format).unwrap_or(Format::Csv);
            let mut export = start_cli_export(&db, &query, format).await.map_err(|e| match e {
                crate::domain::AppError::Field { field, problem } => format!("--{}: {}", cli_option(field), en.problem(problem)),
                other => en.error(&other),
            })?;
            let mut out = std::io::stdout().lock();
            while let Some(chunk) = export.next_chunk().await.map_err(|e| e.to_string())? {
                out.write_all(chunk.as_bytes()).map_err(|e| format!("cannot write the export: {e}"))?;
            }
            out.flush().map_err(|e| format!("cannot write the export: {e}"))
        }
    };
    db.close().await;
    result
}

/// The option of `sspr audit export` that sets a filter.
fn cli_option(field: crate::domain::Field) -> &'static str {
    match field {
        crate::domain::Field::UserId => "account",
        other => other.name(),
    }
}

async fn policy(config: &Config, command: PolicyCommand) -> Result<(), String> {
    let db = open(config).await?;
    let result = match command {
        PolicyCommand::Show => super::admin::policy::show(&db).await,
        PolicyCommand::Set { settings } => super::admin::policy::set(&db, &settings).await,
    };
    db.close().await;
    println!("{}", result?);
    Ok(())
}

/// One line from standard input; prompts without echo on a terminal.
async fn test_directory(config: &Config, user: Option<&str>) -> Result<(), String> {
    // Looked up as the sign-in and reset pages would: the user ID's own rules first.
    let user = user.map(|raw| UserId::parse(raw).map_err(|e| format!("user ID {raw:?}: {}", EN.texts().error(&e)))).transpose()?;
    let user = user.as_ref().map(UserId::as_str);
    let db = open(config).await?;
    let directory = super::directory::Directory::new(&config.directory)?;
    let findings = directory.check(&db, user).await;
    for finding in &findings {
        println!("{finding}");
    }
    db.close().await;
    let failed = findings.iter().filter(|f| f.verdict == super::directory::check::Verdict::Fail).count();
    if failed > 0 {
        return Err(format!("the directory test found {}", EN.count(failed as u64, "problem", "problems")));
    }
    Ok(())
}

fn read_password() -> Result<String, String> {
    if std::io::stdin().is_terminal() {
        return rpassword::prompt_password("Password: ").map_err(|e| format!("cannot read the password: {e}"));
    }
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).map_err(|e| format!("cannot read the password: {e}"))?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

fn checked_password(user_id: &str, name: &str, config: &Config) -> Result<String, String> {
    let password = read_password()?;
    let ctx = PasswordContext::new(user_id, name, &config.organisation);
    let checked = NewPassword::parse(&password, &password, &ctx)
        .map_err(|e| format!("password refused: {}", crate::i18n::Locale::En.texts().error(&e)))?;
    hash_now(checked.expose()).map_err(|e| e.to_string())
}

async fn user(config: &Config, command: UserCommand) -> Result<(), String> {
    let db = open(config).await?;
    let mut c = db.acquire().await.map_err(|e| e.to_string())?;
    let parse = |raw: &str| UserId::parse(raw).map_err(|e| format!("user ID {raw:?}: {}", crate::i18n::Locale::En.texts().error(&e)));
    let builtin = matches!(config.directory, super::config::DirectoryConfig::Builtin);
    if !builtin && !matches!(command, UserCommand::Promote { .. }) {
        return Err("accounts and their passwords live in the LDAP directory (SSPR_DIRECTORY=ldap): create them and set passwords there".into());
    }
    match command {
        UserCommand::Add { user_id, name, email, admin, must_change, on_premises, unlicensed } => {
            let id = parse(&user_id)?;
            // The console's rules, so that the command line cannot write what the console refuses.
            let refused = |option: &str, e: AppError| format!("{option} refused: {}", crate::i18n::Locale::En.texts().error(&e));
            let name = directory::display_name(&name).map_err(|e| refused("--name", e))?;
            let email = match email {
                Some(email) => directory::primary_email(&email).map_err(|e| refused("--email", e))?,
                None => id.to_string(),
            };
            let new = NewAccount {
                password_hash: checked_password(id.as_str(), &name, config)?,
                user_id: id,
                display_name: name,
                primary_email: email,
                must_change_password: must_change,
                role: if admin { Role::Admin } else { Role::User },
                password_source: if on_premises { PasswordSource::OnPremises } else { PasswordSource::Cloud },
                licensed: !unlicensed,
            };
            match db::accounts::insert(c.conn(), &new).await.map_err(|e| e.to_string())? {
                Some(_) => println!("account {} created", new.user_id),
                None => return Err(format!("account {} already exists", new.user_id)),
            }
        }
        UserCommand::SetPassword { user_id, must_change } => {
            let id = parse(&user_id)?;
            let account = db::accounts::find_by_user_id(c.conn(), &id).await.map_err(|e| e.to_string())?.ok_or_else(|| format!("no account {id}"))?;
            let hash = checked_password(&account.user_id, &account.display_name, config)?;
            db::accounts::set_password(c.conn(), account.id, &hash, must_change).await.map_err(|e| e.to_string())?;
            let ended = db::sessions::delete_for_account(c.conn(), account.id, None).await.map_err(|e| e.to_string())?;
            println!("password of {id} set; {} ended", EN.count(ended, "session", "sessions"));
        }
        UserCommand::Import { file } => {
            let bytes = std::fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?;
            let text = String::from_utf8(bytes).map_err(|_| format!("{}: not UTF-8 text", file.display()))?;
            let hasher = super::crypto::Hasher::new(64);
            let started = std::time::Instant::now();
            let imported = super::admin::import::import(&db, &hasher, &text, None, None, None)
                .await
                .map_err(|e| format!("{}: {}", file.display(), crate::i18n::Locale::En.texts().error(&e)))?;
            println!("user_id,temporary_password");
            for (user_id, password) in &imported.accounts {
                println!("{user_id},{password}");
            }
            eprintln!("{} created in {:.1} s; each must change its password at first sign-in", EN.count(imported.accounts.len() as u64, "account", "accounts"), started.elapsed().as_secs_f64());
        }
        UserCommand::Promote { user_id } => {
            let id = parse(&user_id)?;
            // From an LDAP directory: its entry, and the account's row in sspr made if it was never seen.
            let directory = super::directory::Directory::new(&config.directory)?;
            let account = directory
                .find(&db, &id)
                .await
                .map_err(|e| crate::i18n::Locale::En.texts().error(&e))?
                .ok_or_else(|| format!("no account {id}"))?;
            db::accounts::set_role(c.conn(), account.id, Role::Admin).await.map_err(|e| e.to_string())?;
            println!("{id} is now an administrator");
        }
    }
    drop(c);
    db.close().await;
    Ok(())
}
