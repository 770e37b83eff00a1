use super::*;
use crate::data::model::{CHINA, RUSSIA};
use crate::view::bilateral;

fn area(code: &str) -> Area {
    Area::parse(code).unwrap()
}

fn picker(recent: Vec<Choice>) -> Picker {
    let data = Dataset::embedded();
    Picker::new(ranked(&data, bilateral::pairs(&data)), recent)
}

fn shown(picker: &Picker) -> Vec<String> {
    picker
        .matches
        .iter()
        .map(|&i| {
            let (reporter, partner) = picker.candidate(i).choice.pair().unwrap();
            format!("{reporter}-{partner}")
        })
        .collect()
}

#[test]
fn ctrl_w_erases_a_word_and_ctrl_u_the_query() {
    let mut picker = picker(Vec::new());
    let all = shown(&picker);
    for c in "uzb chi".chars() {
        picker.type_char(c);
    }
    picker.erase_word();
    assert_eq!(picker.query, "uzb ");
    picker.type_char('x');
    picker.erase_word();
    picker.erase_word();
    assert_eq!(picker.query, "");
    for c in "rus  ".chars() {
        picker.type_char(c);
    }
    assert_ne!(shown(&picker), all);
    picker.clear();
    assert_eq!((picker.query.as_str(), shown(&picker)), ("", all));
}

#[test]
fn with_no_filter_china_russia_then_the_largest_trade_first() {
    let picker = picker(Vec::new());
    let shown = shown(&picker);
    assert_eq!(shown[0], "CHN-RUS");
    let amounts: Vec<f64> = picker.matches[1..]
        .iter()
        .filter_map(|&i| picker.candidate(i).latest.map(|(_, amount)| amount))
        .collect();
    assert!(amounts.is_sorted_by(|a, b| a >= b), "{amounts:?}");
    assert_eq!(shown.len(), picker.len());
}

#[test]
fn typing_filters_on_names_and_codes_fuzzily() {
    let mut picker = picker(Vec::new());
    for c in "eur chi".chars() {
        picker.type_char(c);
    }
    assert_eq!(
        shown(&picker)[0],
        "EAEU-CHN",
        "the Union's name and China's"
    );
    for _ in 0..4 {
        picker.erase();
    }
    assert_eq!(picker.query, "eur");
    let found = shown(&picker);
    assert!(
        found[..4].iter().all(|pair| pair.contains("EAEU")),
        "{found:?}"
    );
    for c in "zzzz".chars() {
        picker.type_char(c);
    }
    assert_eq!(picker.chosen(), None, "nothing matches, nothing is chosen");
}

#[test]
fn an_alias_finds_its_country() {
    let mut picker = picker(Vec::new());
    for c in "russian federation".chars() {
        picker.type_char(c);
    }
    let (reporter, partner) = picker.chosen().and_then(Choice::pair).expect("a match");
    assert!(reporter == RUSSIA || partner == RUSSIA);
}

#[test]
fn recent_pairs_come_first_with_no_filter() {
    let all = picker(Vec::new());
    let last = all.candidate(*all.matches.last().unwrap()).choice;
    let gone = Choice::Pair(area("USA"), area("NZL"));
    let picker = picker(vec![last, gone, Choice::Reporter(CHINA)]);
    assert_eq!(picker.candidate(picker.matches[0]).choice, last);
    assert_eq!(
        picker.matches.len(),
        all.len(),
        "a recent pair not in the data, or a reporter, is not listed"
    );
}

#[test]
fn the_highlight_stays_within_the_matches() {
    let mut picker = picker(Vec::new());
    picker.step(-3);
    assert_eq!(picker.selected, 0);
    picker.step(1_000);
    assert_eq!(picker.selected, picker.matches.len() - 1);
    picker.type_char('r');
    assert_eq!(picker.selected, 0, "a new filter highlights its best match");
}

#[test]
fn reporters_are_found_by_name() {
    let data = Dataset::embedded();
    let reporters = crate::view::partners::reporters(&data);
    let mut picker = Picker::of_reporters(ranked_reporters(&data, reporters), Vec::new());
    assert_eq!(
        picker.len(),
        2,
        "China and the Union report two partners or more"
    );
    for c in "chin".chars() {
        picker.type_char(c);
    }
    assert_eq!(picker.chosen(), Some(Choice::Reporter(CHINA)));
}

#[test]
fn a_picker_of_reporters_says_so_even_with_none_to_list() {
    let picker = Picker::of_reporters(Vec::new(), Vec::new());
    assert!(picker.lists_reporters());
    assert!(picker.is_empty());
    assert!(!Picker::new(Vec::new(), Vec::new()).lists_reporters());
}

#[test]
fn a_word_on_an_areas_own_name_outranks_one_on_an_alias() {
    // Kazakhstan trades more with Macao ("Macao SAR, China") than with
    // China here, but "chi" names China.
    let mut builder = crate::data::DatasetBuilder::new();
    let csv = "indicator,reporter,partner,period,value,unit,source,note\n\
               trade,KAZ,AFG,2023,1,USD_BN,s,\ntrade,KAZ,MAC,2023,90,USD_BN,s,\n\
               trade,KAZ,CHN,2023,40,USD_BN,s,\n";
    builder.add_native("t.csv", csv.as_bytes(), false).unwrap();
    let data = builder.build();
    let mut picker = Picker::new(ranked(&data, bilateral::pairs(&data)), Vec::new());
    let listed: Vec<Choice> = (picker.matches.iter())
        .map(|&i| picker.candidate(i).choice)
        .collect();
    let pair = |partner| Choice::Pair(area("KAZ"), area(partner));
    assert_eq!(
        listed,
        [pair("MAC"), pair("CHN"), pair("AFG")],
        "the largest (the one opened on) first, then by trade"
    );
    for c in "kaz chi".chars() {
        picker.type_char(c);
    }
    assert_eq!(
        picker.chosen(),
        Some(Choice::Pair(area("KAZ"), area("CHN")))
    );
    // Macao's alias still matches, before Afghanistan's scattered letters
    // ("IslamiC Republic of AfgHanIstan").
    let second = picker.candidate(picker.matches[1]).choice;
    assert_eq!(second, Choice::Pair(area("KAZ"), area("MAC")));
    // A word excluded on either side leaves the pair out.
    let before = picker.matches.len();
    for c in " !mac".chars() {
        picker.type_char(c);
    }
    assert_eq!(picker.matches.len(), before - 1);
    assert_eq!(
        picker.chosen(),
        Some(Choice::Pair(area("KAZ"), area("CHN")))
    );
}

/// A picker over pairs of `reporter` with each of `partners`, the
/// trade of each in that order (largest last, so ranking alone would
/// put the last first).
fn picker_of(pairs: &[(&str, &str)]) -> Picker {
    let mut csv = String::from("indicator,reporter,partner,period,value,unit,source,note\n");
    for (i, (reporter, partner)) in pairs.iter().enumerate() {
        csv.push_str(&format!(
            "trade,{reporter},{partner},2023,{},USD_BN,s,\n",
            i + 1
        ));
    }
    let mut builder = crate::data::DatasetBuilder::new();
    builder.add_native("t.csv", csv.as_bytes(), false).unwrap();
    let data = builder.build();
    Picker::new(ranked(&data, bilateral::pairs(&data)), Vec::new())
}

fn first_for(picker: &mut Picker, typed: &str) -> String {
    picker.query.clear();
    for c in typed.chars() {
        picker.type_char(c);
    }
    let (reporter, partner) = picker.chosen().and_then(Choice::pair).expect("a match");
    format!("{reporter}-{partner}")
}

#[test]
fn a_code_or_initials_typed_in_full_outrank_letters_found_anywhere() {
    // Ukraine, Russia and Australia trade more with China than the
    // United Kingdom and the United States do here.
    let mut picker = picker_of(&[
        ("CHN", "GBR"),
        ("CHN", "USA"),
        ("CHN", "ARE"),
        ("CHN", "UKR"),
        ("CHN", "RUS"),
        ("CHN", "AUS"),
    ]);
    assert_eq!(
        first_for(&mut picker, "uk"),
        "CHN-GBR",
        "UK is Britain's code"
    );
    assert_eq!(first_for(&mut picker, "us"), "CHN-USA", "not Russia's 'us'");
    assert_eq!(first_for(&mut picker, "uae"), "CHN-ARE", "the initials");
    assert_eq!(first_for(&mut picker, "ukr"), "CHN-UKR");
    assert_eq!(first_for(&mut picker, "rus"), "CHN-RUS");
    // A word that begins a name outranks letters inside one: "aus" is
    // Australia's code, and inside "RUS Russia" only as letters.
    assert_eq!(first_for(&mut picker, "aus"), "CHN-AUS");
}

#[test]
fn words_in_the_pairs_order_win_among_equals() {
    // Both directions, with equal trade: the words' order decides.
    let mut picker = picker_of(&[("UZB", "CHN"), ("CHN", "UZB")]);
    assert_eq!(first_for(&mut picker, "uzb chi"), "UZB-CHN");
    assert_eq!(first_for(&mut picker, "chi uzb"), "CHN-UZB");
    // Only China's report: found whichever order the words are in,
    // and before Chile's, which "chin" does not begin.
    let mut picker = picker_of(&[("CHN", "UZB"), ("CHL", "UZB")]);
    assert_eq!(first_for(&mut picker, "chin uzb"), "CHN-UZB");
    assert_eq!(picker.note, None, "typed as the pair is");
    assert_eq!(first_for(&mut picker, "uzb chin"), "CHN-UZB");
    // Said, as the words asked for the other way round.
    assert_eq!(
        picker.note.as_deref(),
        Some("only China's report: no Uzbekistan–China figures")
    );
}
