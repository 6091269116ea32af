//! Tests of the output formats.

use super::*;

#[test]
fn json_is_requested_in_every_spelling() {
    for args in [
        &["-o", "json", "groups", "create"][..],
        &["groups", "create", "--output", "json"],
        &["--output=json", "x"],
        &["-ojson"],
        &["-o=json"],
        &["-qo", "json"],
        &["-qojson", "users"],
    ] {
        assert!(json_requested(args), "{args:?}");
    }
    for args in [
        &["-o", "csv", "groups"][..],
        &["groups", "--", "-o", "json"],
        &["-o", "json", "-o", "table"],
        &["--org", "json"],
        &["-o"],
    ] {
        assert!(!json_requested(args), "{args:?}");
    }
}

fn widest_line(text: &str) -> usize {
    text.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

fn sample() -> (Vec<&'static str>, Vec<Vec<String>>) {
    let headers = vec!["email", "name", "groups"];
    let rows = vec![
        vec![
            "jo.park@acme.test".into(),
            "Jo Park".into(),
            "Warehouse".into(),
        ],
        vec!["sam@acme.test".into(), "Sam Lee".into(), String::new()],
    ];
    (headers, rows)
}

#[test]
fn natural_width_is_the_drawn_width() {
    let (headers, rows) = sample();
    let drawn = render_table(&headers, &rows, None);
    assert_eq!(
        widest_line(&drawn),
        natural_width(&headers, &rows),
        "{drawn}"
    );
    let exact = render_table(&headers, &rows, Some(natural_width(&headers, &rows)));
    assert_eq!(exact, drawn);
}

#[test]
fn a_table_too_wide_becomes_key_value_blocks_with_whole_values() {
    let (headers, rows) = sample();
    let narrow = render_table(&headers, &rows, Some(30));
    assert_eq!(
        narrow,
        "email: jo.park@acme.test\nname: Jo Park\ngroups: Warehouse\n\n\
         email: sam@acme.test\nname: Sam Lee"
    );
    assert!(widest_line(&narrow) <= 30);
}

#[test]
fn a_long_value_moves_under_its_key_unbroken() {
    let text = block(
        [
            ("detail", "wrong password (3 consecutive)"),
            ("outcome", "failed"),
        ]
        .into_iter(),
        Some(20),
    );
    assert_eq!(
        text,
        "detail:\n  wrong password (3 consecutive)\noutcome: failed"
    );
}

#[test]
fn columns_env_sets_the_width() {
    assert_eq!(terminal_width(Some("40")), Some(40));
    assert_ne!(terminal_width(Some("0")), Some(0));
    assert_ne!(terminal_width(Some("wide")), Some(0));
}

#[test]
fn csv_headers_are_snake_case() {
    assert_eq!(csv_header("reset required"), "reset_required");
    assert_eq!(
        csv_header("admin-set password expires"),
        "admin_set_password_expires"
    );
    assert_eq!(csv_header("email"), "email");
}
