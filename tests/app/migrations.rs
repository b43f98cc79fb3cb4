//! The migrations: one set per database, in step, and only additive from 0009 on, so that the
//! nodes of the previous release keep running on the schema a new release migrated during a
//! rolling upgrade (README, "Run it in production"). That both nodes of a cluster may start at
//! once on an empty database is the browser tests' `cluster` project.

use crate::common::{exec, on_both};
use sspr::server::db::Db;
use std::path::Path;

/// The last migration of the releases that made no promise to older nodes: 0006 and 0008
/// renamed and dropped columns. Every later one only adds.
const LAST_UNGUARDED: u32 = 8;

fn migrations(backend: &str) -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations").join(backend);
    let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "sql"))
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap()))
        .collect();
    files.sort();
    files
}

/// What in `sql` would break a node of the previous release running on the migrated schema:
/// its queries name the old tables and columns, and its inserts know only the old columns.
/// A migration that must contract says so on its first line (`-- contract: why`), and ships in
/// a release after the one that stopped using what it removes.
fn breaks_older_nodes(sql: &str) -> Vec<&'static str> {
    if sql.trim_start().starts_with("-- contract:") {
        return Vec::new();
    }
    let code: String = sql.lines().map(|l| l.split("--").next().unwrap_or("")).collect::<Vec<_>>().join(" ");
    let code = code.split_whitespace().collect::<Vec<_>>().join(" ").to_ascii_uppercase();
    let mut found = Vec::new();
    for (pattern, what) in [
        ("DROP TABLE", "drops a table"),
        ("DROP COLUMN", "drops a column"),
        ("RENAME", "renames a table or column"),
        ("ALTER COLUMN", "changes a column"),
        ("ADD CONSTRAINT", "adds a constraint that older inserts may break"),
    ] {
        if code.contains(pattern) {
            found.push(what);
        }
    }
    // A new column that older inserts do not fill must have a default or accept NULL.
    for statement in code.split(';') {
        if let Some(at) = statement.find("ADD COLUMN") {
            let column = &statement[at..];
            if column.contains("NOT NULL") && !column.contains("DEFAULT") {
                found.push("adds a NOT NULL column without a default");
            }
        }
    }
    found
}

#[test]
fn every_migration_exists_for_both_databases_in_the_same_order() {
    let names = |backend| migrations(backend).into_iter().map(|(name, _)| name).collect::<Vec<_>>();
    assert_eq!(names("sqlite"), names("postgres"));
    assert!(names("sqlite").len() > LAST_UNGUARDED as usize - 1);
}

#[test]
fn migrations_after_0008_only_add_so_that_the_previous_release_runs_on_the_new_schema() {
    for backend in ["sqlite", "postgres"] {
        for (name, sql) in migrations(backend) {
            let number: u32 = name.split('_').next().unwrap().parse().unwrap();
            if number > LAST_UNGUARDED {
                assert_eq!(breaks_older_nodes(&sql), Vec::<&str>::new(), "{backend}/{name}");
            }
        }
    }
    // The check itself, on what it must refuse and what it must let through.
    assert_eq!(breaks_older_nodes("ALTER TABLE accounts DROP COLUMN phone;"), ["drops a column"]);
    assert_eq!(breaks_older_nodes("alter table a\n  rename column x to y;"), ["renames a table or column"]);
    assert_eq!(breaks_older_nodes("ALTER TABLE a ADD COLUMN b TEXT NOT NULL;"), ["adds a NOT NULL column without a default"]);
    assert_eq!(breaks_older_nodes("-- contract: 0012 stopped reading it\nALTER TABLE a DROP COLUMN b;"), Vec::<&str>::new());
    assert!(breaks_older_nodes("-- we never DROP TABLE here\nALTER TABLE a ADD COLUMN b INTEGER NOT NULL DEFAULT 0;\nCREATE TABLE c (id BIGINT NOT NULL);").is_empty());
}

#[tokio::test]
async fn a_node_of_an_older_release_starts_on_a_database_that_a_newer_release_migrated() {
    on_both(|db: Db| async move {
        // A migration this build does not have, as a newer release leaves it behind.
        let sql = match &db {
            Db::Sqlite(_) => "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
                VALUES (99990101000000, 'from a newer release', TRUE, X'00', 0)",
            Db::Postgres(_) => "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
                VALUES (99990101000000, 'from a newer release', TRUE, decode('00', 'hex'), 0)",
        };
        exec(&db, sql).await;
        db.migrate().await.expect("a node of the previous release starts: the newer migration only added");
        db.migrate().await.expect("and again");
        assert_eq!(crate::common::count(&db, "SELECT COUNT(*) FROM _sqlx_migrations WHERE version = 99990101000000").await, 1);
    })
    .await;
}
