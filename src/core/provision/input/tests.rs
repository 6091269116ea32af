use super::*;
use secrecy::ExposeSecret;

#[test]
fn csv_rows_keep_their_physical_lines() {
    let csv = "email,name,groups,field.Department\n\
               a@x.test,A,Office;Warehouse,Ops\n\
               \"b@x.test\",\"B\nsecond line\",,\n\
               c@x.test,C,,\n";
    let p = parse(csv.as_bytes(), Format::Csv, "f.csv").unwrap();
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    let lines: Vec<_> = p.rows.iter().map(|r| r.origin).collect();
    assert_eq!(
        lines,
        [Origin::Line(2), Origin::Line(3), Origin::Line(5)],
        "a quoted line break moves later rows down"
    );
    assert_eq!(p.rows[0].groups, ["Office", "Warehouse"]);
    assert_eq!(
        p.rows[0].fields,
        [("Department".to_string(), "Ops".to_string())]
    );
    assert_eq!(p.field_columns, ["Department"]);
    assert!(!p.summary.password_column);
}

#[test]
fn csv_header_problems_are_file_errors() {
    let e = parse(b"mail,name\nx@y.z,X\n", Format::Csv, "f.csv")
        .unwrap_err()
        .to_string();
    assert!(e.contains("unknown column \"mail\""), "{e}");
    let e = parse(b"name\nX\n", Format::Csv, "f.csv")
        .unwrap_err()
        .to_string();
    assert!(e.contains("no \"email\" column"), "{e}");
    assert!(parse(b"", Format::Csv, "f.csv").is_err());
}

#[test]
fn csv_bad_rows_are_row_errors() {
    let p = parse(
        b"\xEF\xBB\xBFEmail,Password\na@x.test,pw-one-two\nb@x.test,x,extra\nc\xff@x.test,\n",
        Format::Csv,
        "f.csv",
    )
    .unwrap();
    assert!(p.summary.password_column);
    assert_eq!(p.rows.len(), 1);
    match &p.rows[0].password {
        RowPassword::Given(s) => assert_eq!(s.expose_secret(), "pw-one-two"),
        other => panic!("{other:?}"),
    }
    assert_eq!(p.errors.len(), 2);
    assert_eq!(p.errors[0].place, Origin::Line(3));
    assert!(p.errors[1].message.contains("UTF-8"));
}

#[test]
fn json_items_are_numbered_from_one() {
    let json = r#"[{"email":"a@x.test","groups":["Office"],"sites":"Sydney;Perth","field.age":42},
                   {"emial":"b@x.test"}, 7]"#;
    let p = parse(json.as_bytes(), Format::Json, "f.json").unwrap();
    assert_eq!(p.rows.len(), 1);
    assert_eq!(p.rows[0].sites, ["Sydney", "Perth"]);
    assert_eq!(p.rows[0].fields, [("age".to_string(), "42".to_string())]);
    assert_eq!(p.errors[0].place, Origin::Item(2));
    assert!(p.errors[0].message.contains("unknown key \"emial\""));
    assert_eq!(p.errors[1].place, Origin::Item(3));
    assert!(parse(b"{\"email\":1}", Format::Json, "f.json").is_err());
    assert!(parse(b"[{", Format::Json, "f.json").is_err());
}

#[test]
fn line_endings_do_not_change_line_numbers() {
    for nl in ["\n", "\r\n", "\r"] {
        let csv = [
            "email,name",
            "a@x.test,\"A",
            "two\"",
            "",
            "b@x.test,B",
            "c@x.test,\"open",
        ]
        .join(nl);
        let p = parse(csv.as_bytes(), Format::Csv, "f.csv").unwrap();
        let lines: Vec<_> = p.rows.iter().map(|r| r.origin).collect();
        assert_eq!(lines, [Origin::Line(2), Origin::Line(5)], "{nl:?}");
        assert_eq!(
            p.rows[0].name.as_deref(),
            Some(format!("A{nl}two").as_str())
        );
        assert_eq!(p.errors.len(), 1, "{nl:?}");
        assert_eq!(p.errors[0].place, Origin::Line(6));
        assert!(p.errors[0].message.contains("never closes"));
    }
}

#[test]
fn limits_and_formula_quotes() {
    let long_cell = "x".repeat(MAX_CELL + 1);
    let csv = format!("email,name\na@x.test,{long_cell}\nb@x.test,'=1+2\nc@x.test,'quoted\n");
    let p = parse(csv.as_bytes(), Format::Csv, "f.csv").unwrap();
    assert_eq!(p.errors.len(), 1);
    assert_eq!(p.errors[0].place, Origin::Line(2));
    assert_eq!(p.rows[0].name.as_deref(), Some("=1+2"));
    assert_eq!(p.rows[1].name.as_deref(), Some("'quoted"));
    let p = parse(
        br#"[{"email":"a@x.test","email":"b@x.test"}]"#,
        Format::Json,
        "f.json",
    )
    .unwrap();
    assert_eq!(p.errors[0].place, Origin::Item(1));
    assert_eq!(p.errors[0].column.as_deref(), Some("email"));
    assert!(quote(&"y".repeat(1000)).chars().count() <= MAX_QUOTE + 3);
}

#[test]
fn detects_format() {
    assert_eq!(detect("-", b"  [ {}]"), Format::Json);
    assert_eq!(detect("-", b"email\n"), Format::Csv);
    assert_eq!(detect("users.JSON", b"email"), Format::Json);
    assert_eq!(detect("users.csv", b"[]"), Format::Csv);
}

proptest::proptest! {
    /// Whatever the names hold (commas, quotes, line breaks, any Unicode), a CSV written
    /// by a standard writer with the export's formula quoting (R32) reads back to the
    /// same rows, each at its physical line.
    #[test]
    fn csv_reader_round_trips_what_a_csv_writer_wrote(
        rows in proptest::collection::vec(("[a-z]{1,8}@[a-z]{1,6}\\.test", "\\PC{0,12}|[a-z ,\"]{0,12}|[a-z]{1,4}\n[a-z]{1,4}"), 1..20)
    ) {
        let mut w = ::csv::Writer::from_writer(Vec::new());
        w.write_record(["email", "name"]).unwrap();
        for (email, name) in &rows {
            let name = crate::output::defuse(name.as_bytes());
            w.write_record([email.as_bytes(), &name]).unwrap();
        }
        let bytes = w.into_inner().unwrap();
        let parsed = parse(&bytes, Format::Csv, "p.csv").unwrap();
        proptest::prop_assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        proptest::prop_assert_eq!(parsed.rows.len(), rows.len());
        let mut line = 2u64;
        for (row, (email, name)) in parsed.rows.iter().zip(&rows) {
            proptest::prop_assert_eq!(&row.email, email);
            let read = row.name.clone().unwrap_or_default();
            proptest::prop_assert_eq!(read.trim(), name.trim());
            proptest::prop_assert_eq!(row.origin, Origin::Line(line));
            line += 1 + name.matches('\n').count() as u64;
        }
    }

    /// Arbitrary bytes never panic the reader, in either format.
    #[test]
    fn any_bytes_are_read_or_refused_without_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..400)) {
        let _ = parse(&bytes, Format::Csv, "x.csv");
        let _ = parse(&bytes, Format::Json, "x.json");
        let _ = detect("-", &bytes);
    }
}
