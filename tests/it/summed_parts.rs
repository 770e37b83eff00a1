//! Figures never invented by summing (issue 20 §2): a Comext bulk TOTAL whose
//! one procedure has no value, BACI's repeated flows, BACI's 4-digit `k`.

use crate::common::{TempFile, run};

const BULK_HEADER: &str = "REPORTER,PARTNER,TRADE_TYPE,PRODUCT_NC,PRODUCT_SITC,PRODUCT_CPA2_1,PRODUCT_BEC,PRODUCT_BEC5,PRODUCT_SECTION,FLOW,STAT_PROCEDURE,SUPPL_UNIT,PERIOD,VALUE_EUR,VALUE_NAC,QUANTITY_KG,QUANTITY_SUPPL_UNIT\n";

#[test]
fn a_comext_total_with_a_procedure_of_no_value_is_not_summed() {
    for missing in ["", ":"] {
        // January: procedure 1 has no value, so its sum is unknown (not 7);
        // February: both procedures, 1,007.
        let text = format!(
            "{BULK_HEADER}DE,CN,E,TOTAL,,,,,,1,1,,202301,{missing},,,\n\
             DE,CN,E,TOTAL,,,,,,1,2,,202301,7,7,,\n\
             DE,CN,E,TOTAL,,,,,,1,1,,202302,1000,1000,,\n\
             DE,CN,E,TOTAL,,,,,,1,2,,202302,7,7,,\n"
        );
        let file = TempFile::new("comext_missing_part.csv", &text);
        let path = file.path();
        let (code, stdout, stderr) =
            run(&["--print", "bilateral", "--pair", "DEU-CHN", "--data", path]);
        assert_eq!(code, 0, "{stderr}");
        let periods: Vec<(&str, &str)> = stdout
            .lines()
            .skip(1)
            .map(|line| {
                let fields: Vec<&str> = line.split(',').collect();
                (fields[2], fields[5])
            })
            .collect();
        assert_eq!(periods, [("2023-02", "1007")], "{stdout}");
        let (_, report, _) = run(&["--check", "--data", path]);
        assert!(
            report.contains("rows: 4 read, 0 skipped, 2 not used; figures: 1 used"),
            "{report}"
        );
        assert!(
            report.contains("line 3: field 'VALUE_EUR': not summed: statistical procedure 1 (line 2) of the same flow has no value, so the total is unknown"),
            "{report}"
        );
    }
}

fn baci(name: &str, rows: &str) -> (i32, String, String) {
    let file = TempFile::new(name, &format!("t,i,j,k,v,q\n{rows}"));
    run(&["--check", "--data", file.path()])
}

#[test]
fn a_baci_heading_of_four_digits_is_refused_as_three_or_seven_are() {
    // 0101 would be summed with its own subheadings 010121 and 010129.
    for code in ["0101", "101", "0101210"] {
        let rows = format!("2022,156,643,010121,5,1\n2022,156,643,{code},7,1\n");
        let (status, _, stderr) = baci("heading.csv", &rows);
        assert_eq!(status, 2, "{code}: {stderr}");
        assert!(
            stderr.contains(&format!(
                ":3: field 'k': '{code}' is not an HS 6-digit product code"
            )),
            "{code}: {stderr}"
        );
    }
    // An integer-written code drops its leading zero: 5 digits are a code.
    let (status, stdout, stderr) = baci("integer.csv", "2022,156,643,10121,5,1\n");
    assert_eq!(status, 0, "{stderr}{stdout}");
}

#[test]
fn a_repeated_baci_flow_is_not_added_again() {
    // The file concatenated with itself: CHN-RUS would be 2 × 12 thousand.
    let once = "2022,156,643,010121,5,1\n2022,156,643,020110,7,1\n2022,156,398,010121,9,1\n";
    let (status, report, stderr) = baci("twice.csv", &format!("{once}{once}"));
    assert_eq!(status, 1, "{stderr}{report}");
    assert!(
        report.contains("rows: 6 read, 0 skipped, 6 not used; figures: 0 used"),
        "{report}"
    );
    assert!(
        report.contains("line 2: field 'k': product 010121 of CHN to RUS in 2022 is listed 2 times: CEPII lists each flow once"),
        "{report}"
    );
    // Only the repeated pair is refused; the others are summed.
    let rows = format!("{once}2022,156,643,020110,7,1\n");
    let file = TempFile::new("repeat.csv", &format!("t,i,j,k,v,q\n{rows}"));
    let (status, stdout, stderr) = run(&[
        "--print",
        "bilateral",
        "--pair",
        "CHN-KAZ",
        "--data",
        file.path(),
    ]);
    assert_eq!(status, 0, "{stderr}");
    assert!(stdout.contains("CHN,KAZ,2022,USD,9000,"), "{stdout}");
    let (status, _, stderr) = run(&[
        "--print",
        "bilateral",
        "--pair",
        "CHN-RUS",
        "--data",
        file.path(),
    ]);
    assert_eq!(status, 2, "{stderr}");
}

#[test]
fn a_parquet_directory_holding_one_baci_part_twice_is_not_summed_twice() {
    let dir = std::env::temp_dir().join(format!("baci-twice-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for part in ["part-0.parquet", "part-1.parquet"] {
        std::fs::copy("tests/fixtures/import/duckdb_baci.parquet", dir.join(part)).unwrap();
    }
    let (status, report, stderr) = run(&["--check", "--data", dir.to_str().unwrap()]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(status, 1, "{stderr}{report}");
    assert!(
        report.contains("rows: 14 read, 0 skipped, 14 not used; figures: 0 used"),
        "{report}"
    );
    assert!(
        report.contains("product 010121 of CHN to RUS in 2022 is listed 2 times"),
        "{report}"
    );
}
