//! What the Products tab takes from the other tabs (the bilateral tab's
//! pair) and gives them (`b`: the Partners tab ranked for a product).

use crate::app::{App, Cursor, Tab};
use crate::data::model::{ProductCode, Texts, WORLD, counted};
use crate::data::store::NameFamily;
use crate::data::{Area, Currency, Dataset, Indicator, Period};
use crate::view::products::ProductPartners;

/// The product the Partners tab is ranked for, set with `b` on the Products
/// tab and cleared with `x`.
#[derive(Clone, Debug, PartialEq)]
pub struct ProductFilter {
    pub reporter: Area,
    pub indicator: Indicator,
    pub period: Period,
    /// The code as shown and its name.
    pub code: String,
    pub name: String,
    pub partners: ProductPartners,
    /// The currency of the values, as the reporter's lists have it.
    pub currency: Currency,
    /// Whether every partner of the reporter is in the data (BACI lists the
    /// world's trade): only then are the shares of the reporter's whole
    /// flow of the product, and the HHI its concentration.
    pub complete: bool,
}

impl ProductFilter {
    /// The reporter's partners for the product of `code` in `period`;
    /// why not, when it has none.
    pub fn new(
        data: &Dataset,
        (reporter, indicator, period): (Area, Indicator, Period),
        (code, name): (&str, &str),
        family: NameFamily,
    ) -> Result<Self, String> {
        let product = ProductCode::parse(code, &mut Texts::default());
        if product.digits() == 0 {
            return Err(format!(
                "{code} is a section of many chapters: Enter, then b on a chapter"
            ));
        }
        let partners =
            ProductPartners::new(data, (indicator, reporter, period), product, Some(family));
        if partners.rows.is_empty() {
            return Err(format!(
                "no partner's {} of {code} by {reporter} in {period} in the data",
                indicator.code()
            ));
        }
        let lists = || data.products().of_reporter(indicator, reporter, period);
        let complete = lists().all(|(_, rows)| rows.mirrored);
        let currency = lists()
            .next()
            .map_or(Currency::Usd, |(_, rows)| rows.unit.currency());
        Ok(Self {
            reporter,
            indicator,
            period,
            code: code.to_string(),
            name: name.to_string(),
            partners,
            currency,
            complete,
        })
    }
}

impl App {
    /// `b`: the Partners tab ranked for the selected product, said so.
    pub(in crate::app) fn who_buys(&mut self) {
        let products = &self.tabs.products;
        if !products.any {
            return self.say(format!("b: {}", super::NO_PRODUCTS));
        }
        let (Some(flow), Some(period), Some(row)) =
            (products.flow(), products.period, products.selected())
        else {
            return self.say("b: select a product (Other products are not listed)".into());
        };
        // Who buys it: the seller's partners, the partner's own exports on
        // an imports table (who else buys Russia's crude), else whom the
        // reporter buys it from.
        let seller = (flow.partner, Indicator::Exports, period);
        let selection = (flow.reporter, flow.indicator, period);
        let row = (row.code.as_str(), row.name.as_str());
        // The code is one of the table's classification family.
        let family = NameFamily::of(products.classification());
        let filter = match flow.indicator {
            Indicator::Imports if flow.partner != WORLD => {
                ProductFilter::new(&self.data, seller, row, family)
                    .or_else(|_| ProductFilter::new(&self.data, selection, row, family))
            }
            _ => ProductFilter::new(&self.data, selection, row, family),
        };
        match filter {
            Ok(filter) => {
                let repeats = match filter.partners.repeated {
                    0 => String::new(),
                    n => format!("; {} repeating others not added", counted(n as u64, "list")),
                };
                let said = format!(
                    "b: {} of {} by {} in {period}: {}{repeats} (x clears)",
                    filter.indicator.code(),
                    filter.code,
                    filter.reporter.name(),
                    counted(filter.partners.rows.len() as u64, "partner")
                );
                self.tabs.partners.product = Some(filter);
                self.tabs.partners.cursor = Cursor::default();
                self.tab = Tab::Partners;
                self.say(said);
            }
            Err(why) => self.say(format!("b: {why}")),
        }
    }

    /// The Products tab, while shown, follows the bilateral tab's pair.
    pub(in crate::app) fn follow_pair(&mut self) {
        if self.tab == Tab::Products {
            let pair = self.tabs.bilateral.view.as_ref().map(|view| {
                let selection = view.selection;
                (selection.reporter, selection.partner)
            });
            self.tabs.products.follow(&self.data, pair);
        }
    }
}
