//! Bulk import of accounts from a CSV file, from the console or `sspr user import`. Every row
//! is checked first (a wrong one is reported with its line and column); then every account is
//! created in one transaction, or none. Each gets a temporary password, returned once, that
//! must be changed at the first sign-in.

use super::Admin;
use super::accounts::{office_phone, temporary_password};
use crate::view::admin::import::Imported;
use crate::domain::directory::{self, PasswordSource, Role};
use crate::domain::{AppError, Field, Problem, UserId};
use crate::server::crypto::Hasher;
use crate::server::db::{self, Db, audit, now};
use serde_json::json;
use std::collections::{HashMap, HashSet};

/// The columns a file may have, in any order; the first line names them.
pub const COLUMNS: [(&str, Field); 9] = [
    ("user_id", Field::UserId),
    ("display_name", Field::DisplayName),
    ("primary_email", Field::PrimaryEmail),
    ("office_phone", Field::OfficePhone),
    ("groups", Field::Groups),
    ("password_source", Field::PasswordSource),
    ("role", Field::Role),
    ("licensed", Field::Licensed),
    ("enabled", Field::Enabled),
];
const REQUIRED: [&str; 2] = ["user_id", "display_name"];

/// One checked row.
#[derive(Debug, Clone)]
pub struct Row {
    pub line: u32,
    pub user_id: UserId,
    pub display_name: String,
    pub primary_email: String,
    pub office_phone: Option<String>,
    pub groups: Vec<i64>,
    pub password_source: PasswordSource,
    pub role: Role,
    pub licensed: bool,
    pub enabled: bool,
}

fn bad(line: u32, field: Field, problem: Problem) -> AppError {
    AppError::BadRow { line, field, problem }
}

/// Reads and checks a whole file against the groups that exist (`name → id`). Groups are named
/// in one cell, separated by `;`.
pub fn parse(text: &str, groups: &HashMap<String, i64>, max_rows: Option<usize>) -> Result<Vec<Row>, AppError> {
    let mut reader = csv::ReaderBuilder::new().trim(csv::Trim::All).flexible(false).from_reader(text.as_bytes());
    let header = reader.headers().map_err(|_| bad(1, Field::File, Problem::BadHeader))?.clone();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, name) in header.iter().enumerate() {
        let name = name.trim_start_matches('\u{feff}').to_ascii_lowercase();
        let known = COLUMNS.iter().find(|(c, _)| *c == name).ok_or(bad(1, Field::File, Problem::BadHeader))?;
        if index.insert(known.0, i).is_some() {
            return Err(bad(1, Field::File, Problem::BadHeader));
        }
    }
    if REQUIRED.iter().any(|c| !index.contains_key(c)) {
        return Err(bad(1, Field::File, Problem::BadHeader));
    }
    let mut rows = Vec::new();
    let mut seen = HashSet::new();
    let mut lines = Lines { text: text.as_bytes(), offset: 0, line: 1 };
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(lines.line, |p| lines.at(p.byte()));
            bad(line, Field::File, Problem::Columns { expected: header.len() as u32 })
        })?;
        let line = record.position().map_or(lines.line, |p| lines.at(p.byte()));
        if record.iter().all(str::is_empty) {
            continue;
        }
        if max_rows.is_some_and(|max| rows.len() >= max) {
            return Err(bad(line, Field::File, Problem::TooMany { max: max_rows.unwrap_or(0) as u32 }));
        }
        let cells: HashMap<&str, &str> = index.iter().map(|(name, i)| (*name, record.get(*i).unwrap_or(""))).collect();
        let row = parse_row(line, &cells, groups)?;
        if !seen.insert(row.user_id.as_str().to_owned()) {
            return Err(bad(line, Field::UserId, Problem::AlreadyExists));
        }
        rows.push(row);
    }
    if rows.is_empty() {
        return Err(bad(2, Field::File, Problem::Required));
    }
    Ok(rows)
}

/// Line numbers of the records, counted here: the csv crate's own count is wrong after a CRLF
/// line end or a blank line (it gives the line of the end before the record), and files saved
/// on Windows have CRLF. Records come in order, so the count goes on from the previous one.
struct Lines<'a> {
    text: &'a [u8],
    offset: usize,
    line: u32,
}

impl Lines<'_> {
    /// The line (from 1) of the first character at or after `byte` that ends no line: where the
    /// record found there starts. `\r\n`, `\n` and a lone `\r` each end a line.
    fn at(&mut self, byte: u64) -> u32 {
        let mut start = usize::try_from(byte).unwrap_or(usize::MAX).clamp(self.offset, self.text.len());
        while self.text.get(start).is_some_and(|b| matches!(b, b'\r' | b'\n')) {
            start += 1;
        }
        for i in self.offset..start {
            let ends = match self.text[i] {
                b'\n' => true,
                b'\r' => self.text.get(i + 1) != Some(&b'\n'),
                _ => false,
            };
            self.line += u32::from(ends);
        }
        self.offset = start;
        self.line
    }
}

fn parse_row(line: u32, cells: &HashMap<&str, &str>, groups: &HashMap<String, i64>) -> Result<Row, AppError> {
    let cell = |name: &str| cells.get(name).copied().unwrap_or("");
    // Every check names the column it failed at.
    let at = |e: AppError| match e {
        AppError::Field { field, problem } => bad(line, field, problem),
        other => other,
    };
    let user_id = UserId::parse(cell("user_id")).map_err(at)?;
    let display_name = directory::display_name(cell("display_name")).map_err(at)?;
    let primary_email = match cell("primary_email") {
        "" => user_id.to_string(),
        raw => directory::primary_email(raw).map_err(at)?,
    };
    let office_phone = office_phone(cell("office_phone")).map_err(at)?;
    let groups = cell("groups")
        .split(';')
        .map(str::trim)
        .filter(|g| !g.is_empty())
        .map(|g| groups.get(g).copied().ok_or(bad(line, Field::Groups, Problem::UnknownGroup)))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Row {
        line,
        user_id,
        display_name,
        primary_email,
        office_phone,
        groups,
        password_source: PasswordSource::parse(cell("password_source")).map_err(at)?,
        role: Role::parse(cell("role")).map_err(at)?,
        licensed: directory::flag(cell("licensed"), Field::Licensed, true).map_err(at)?,
        enabled: directory::flag(cell("enabled"), Field::Enabled, true).map_err(at)?,
    })
}

/// Imports a file's text from the console, audited as the administrator's.
pub async fn import_text(admin: &Admin, text: &str, max_rows: Option<usize>) -> Result<Imported, AppError> {
    if !admin.state.directory.is_builtin() {
        return Err(AppError::field(Field::File, Problem::ManagedInDirectory));
    }
    import(&admin.state.db, &admin.state.hasher, text, max_rows, Some(admin.account.id), admin.ip.as_deref()).await
}

/// Checks every row, hashes the temporary passwords, then creates every account in one
/// transaction, or none (`actor_id` is `None` from the command line).
pub async fn import(db: &Db, hasher: &Hasher, text: &str, max_rows: Option<usize>, actor_id: Option<i64>, ip: Option<&str>) -> Result<Imported, AppError> {
    let groups: HashMap<String, i64> = {
        let mut c = db.acquire().await?;
        db::groups::all(c.conn()).await?.into_iter().map(|g| (g.name, g.id)).collect()
    };
    let rows = parse(text, &groups, max_rows)?;
    let ids: Vec<String> = rows.iter().map(|r| r.user_id.to_string()).collect();
    let taken: HashSet<String> = {
        let mut c = db.acquire().await?;
        db::accounts::existing_user_ids(c.conn(), &ids).await?.into_iter().collect()
    };
    if let Some(row) = rows.iter().find(|r| taken.contains(r.user_id.as_str())) {
        return Err(bad(row.line, Field::UserId, Problem::AlreadyExists));
    }

    // Two hashes at a time: the hasher's pool bounds them with every other request's.
    let passwords: Vec<String> = rows.iter().map(|_| temporary_password()).collect();
    let mut hashes = Vec::with_capacity(rows.len());
    for pair in passwords.chunks(2) {
        let (a, b) = tokio::join!(hasher.hash(pair[0].clone()), async {
            match pair.get(1) {
                Some(p) => hasher.hash(p.clone()).await.map(Some),
                None => Ok(None),
            }
        });
        hashes.push(a?);
        hashes.extend(b?);
    }

    let mut tx = db.begin().await?;
    let t = now();
    for (row, hash) in rows.iter().zip(hashes) {
        let new = db::accounts::NewAccount {
            user_id: row.user_id.clone(),
            display_name: row.display_name.clone(),
            primary_email: row.primary_email.clone(),
            password_hash: hash,
            must_change_password: true,
            role: row.role,
            password_source: row.password_source,
            licensed: row.licensed,
        };
        // Taken meanwhile by another administrator: the whole import stops, nothing is kept.
        let id = db::accounts::insert(tx.conn(), &new).await?.ok_or(bad(row.line, Field::UserId, Problem::AlreadyExists))?;
        let fields = db::accounts::DirectoryFields {
            display_name: &row.display_name,
            primary_email: &row.primary_email,
            office_phone: row.office_phone.as_deref(),
            password_source: row.password_source,
            role: row.role,
            enabled: row.enabled,
            licensed: row.licensed,
        };
        db::accounts::set_directory_fields(tx.conn(), id, &fields).await?;
        if !row.groups.is_empty() {
            db::groups::set_memberships(tx.conn(), id, &row.groups).await?;
        }
    }
    let detail = json!({ "accounts": rows.len(), "via": if actor_id.is_some() { "console" } else { "cli" } });
    let entry = audit::Event { event: "accounts_imported", actor_id, account_id: None, ip, detail };
    audit::append(&mut tx, entry, t).await?;
    tx.commit().await?;
    Ok(Imported { accounts: ids.into_iter().zip(passwords).collect() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn groups() -> HashMap<String, i64> {
        HashMap::from([("Staff".to_owned(), 1), ("Sales".to_owned(), 2)])
    }

    #[test]
    fn reads_rows_with_defaults_and_groups() {
        let text = "user_id,display_name,groups,role\nA.Martin@Contoso.example,Anne Martin,Staff;Sales,admin\nb@contoso.example,Bob,,\n";
        let rows = parse(text, &groups(), None).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].user_id.as_str(), "a.martin@contoso.example");
        assert_eq!(rows[0].groups, vec![1, 2]);
        assert_eq!(rows[0].role, Role::Admin);
        assert_eq!(rows[1].primary_email, "b@contoso.example");
        assert!(rows[1].licensed && rows[1].enabled);
        assert_eq!(rows[1].line, 3);
    }

    #[test]
    fn a_bad_row_names_its_line_and_column() {
        let err = |text: &str| parse(text, &groups(), None).unwrap_err();
        assert_eq!(err("user_id,name\n"), bad(1, Field::File, Problem::BadHeader));
        assert_eq!(err("display_name\nBob\n"), bad(1, Field::File, Problem::BadHeader));
        assert_eq!(err("user_id,display_name,user_id\n"), bad(1, Field::File, Problem::BadHeader));
        assert_eq!(err("user_id,display_name\n"), bad(2, Field::File, Problem::Required));
        assert_eq!(err("user_id,display_name\na@c.example,A\nnot an id,B\n"), bad(3, Field::UserId, Problem::NotAUserId));
        assert_eq!(err("user_id,display_name\na@c.example,\n"), bad(2, Field::DisplayName, Problem::Required));
        assert_eq!(err("user_id,display_name,groups\na@c.example,A,Nobody\n"), bad(2, Field::Groups, Problem::UnknownGroup));
        assert_eq!(err("user_id,display_name,licensed\na@c.example,A,perhaps\n"), bad(2, Field::Licensed, Problem::NotAChoice));
        assert_eq!(err("user_id,display_name,office_phone\na@c.example,A,12\n"), bad(2, Field::OfficePhone, Problem::NotAPhone));
        assert_eq!(err("user_id,display_name\na@c.example,A\nA@C.example,B\n"), bad(3, Field::UserId, Problem::AlreadyExists));
        assert_eq!(err("user_id,display_name\na@c.example,A,extra\n"), bad(2, Field::File, Problem::Columns { expected: 2 }));
        assert_eq!(
            parse("user_id,display_name\na@c.example,A\nb@c.example,B\n", &groups(), Some(1)).unwrap_err(),
            bad(3, Field::File, Problem::TooMany { max: 1 })
        );
    }

    #[test]
    fn lines_are_counted_right_in_files_saved_on_windows() {
        // Found by fuzzing (fuzz/fuzz_targets/csv_import.rs): the csv crate numbered the first
        // row of a CRLF file line 1, and the row after a blank line one line too early.
        let text = "user_id,display_name\r\na@c.example,A\r\n\r\nb@c.example,B\r\nc@c.example,C\nd@c.example,D\re@c.example,E\n";
        let lines: Vec<u32> = parse(text, &groups(), None).unwrap().iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 4, 5, 6, 7]);
        let err = parse("user_id,display_name\r\na@c.example,A\r\n\r\nnot an id,B\r\n", &groups(), None).unwrap_err();
        assert_eq!(err, bad(4, Field::UserId, Problem::NotAUserId));
        let err = parse("user_id,display_name\r\na@c.example,A\r\nb@c.example,B,extra\r\n", &groups(), None).unwrap_err();
        assert_eq!(err, bad(3, Field::File, Problem::Columns { expected: 2 }));
        // A quoted cell may span lines: the next row starts after it.
        let err = parse("user_id,display_name,groups\na@c.example,A,\"Staff\n\"\nnot an id,B,\n", &groups(), None).unwrap_err();
        assert_eq!(err, bad(4, Field::UserId, Problem::NotAUserId));
    }

    #[test]
    fn quoted_cells_and_markup_are_data() {
        let rows = parse("user_id,display_name\n\"x@c.example\",\"Martin, <b>Anne</b>\"\n", &groups(), None).unwrap();
        assert_eq!(rows[0].display_name, "Martin, <b>Anne</b>");
    }
}
