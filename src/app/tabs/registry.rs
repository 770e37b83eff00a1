//! The one list of tabs. Each entry names a tab's variant of [`Tab`](crate::app::Tab),
//! its field in [`Tabs`](crate::app::Tabs) and component type, its number
//! key, its title, its `--tab` names and the function in `ui` that draws it.
//! Everything that lists tabs is made from it: in `app` (`app_tabs`, below)
//! the `Tab` enum with its titles, names and keys, the `Tabs` state with
//! its constructor, lookup and reload, and the number keys of the key
//! table; in `ui`, the drawing's dispatch. The drawing function is only named
//! here: `ui` expands the list into its own code, so the layers still
//! import one way (ui → app).
//!
//! Adding a tab: its component in `app/tabs/`, its drawing in `ui/`, and
//! one entry below (README: Contributing).

/// Calls the macro `$then` with every tab's entry, in the order the header
/// numbers them.
macro_rules! tabs {
    ($then:ident) => {
        $then! {
            // Variant => field: component, key, title, [--tab names], drawing (in ui)
            Overview => overview: tabs::OverviewTab, '1', "Overview", ["overview"], overview::render;
            Bilateral => bilateral: tabs::BilateralTab, '2', "Bilateral trade", ["bilateral"], bilateral::render;
            Partners => partners: tabs::PartnersTab, '3', "Partners", ["partners", "eaeu"], eaeu::render;
            BeltAndRoad => bri: tabs::BriTab, '4', "Belt and Road", ["bri"], bri::render;
            Products => products: tabs::ProductsTab, '5', "Products", ["products"], products::render;
        }
    };
}
pub(crate) use tabs;

/// `concat!` of literals with `$separator` between them.
macro_rules! joined {
    ($separator:literal; $first:literal $(, $rest:literal)*) => {
        concat!($first $(, $separator, $rest)*)
    };
}
pub(crate) use joined;

/// The app's side of the list, expanded in `app` (beside `Action`, as the
/// key table and the tabs both use it): the `Tab` enum, the `Tabs` state
/// and the number keys.
macro_rules! app_tabs {
    ($(
        $id:ident => $field:ident : $state:ty, $key:literal, $title:literal,
        [$name:literal $(, $alias:literal)*], $draw:path
    );+ $(;)?) => {
        /// A tab, as the header numbers it.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Tab {
            $($id),+
        }

        impl Tab {
            pub const ALL: [Tab; [$(Tab::$id),+].len()] = [$(Tab::$id),+];

            pub fn title(self) -> &'static str {
                match self {
                    $(Tab::$id => $title),+
                }
            }

            /// What `--tab` takes for it, as `--help` shows it.
            pub fn name(self) -> &'static str {
                match self {
                    $(Tab::$id => $name),+
                }
            }

            /// Other names `--tab` takes for it.
            pub fn aliases(self) -> &'static [&'static str] {
                match self {
                    $(Tab::$id => &[$($alias),*]),+
                }
            }

            /// The keys its component answers beyond those of every tab.
            pub fn answers(self) -> &'static [$crate::app::keys::KeyGroup] {
                use $crate::app::tabs::Registered;
                match self {
                    $(Tab::$id => <$state as Registered>::ANSWERS),+
                }
            }
        }

        /// Every tab's state, one field a tab.
        pub struct Tabs {
            $(pub $field: $state),+
        }

        impl Tabs {
            pub fn new(data: &$crate::data::Dataset, opening: &mut $crate::app::tabs::Opening) -> Self {
                use $crate::app::tabs::Registered;
                Self {
                    $($field: <$state as Registered>::open(data, opening)),+
                }
            }

            /// The component of `tab`: the one place that finds a tab's
            /// state from [`Tab`].
            pub fn get(&self, tab: Tab) -> &dyn $crate::app::tabs::TabComponent {
                match tab {
                    $(Tab::$id => &self.$field),+
                }
            }

            pub fn get_mut(&mut self, tab: Tab) -> &mut dyn $crate::app::tabs::TabComponent {
                match tab {
                    $(Tab::$id => &mut self.$field),+
                }
            }

            /// Each tab's selection before a reload (`old`), kept where the
            /// new `data` has it; what was not kept.
            pub fn keep(&mut self, data: &$crate::data::Dataset, old: &Tabs) -> Vec<String> {
                use $crate::app::tabs::TabComponent;
                let mut lost = Vec::new();
                $(lost.extend(self.$field.keep(data, &old.$field));)+
                lost
            }
        }

        /// The number keys that show a tab, for the key table.
        pub const SELECT_KEYS: &[($crate::app::keys::Key, Action)] = &[$((
            $crate::app::keys::Key { code: ::crossterm::event::KeyCode::Char($key), ctrl: false },
            Action::SelectTab(Tab::$id),
        )),+];
        /// Their label in the help: "1 2 3 4".
        pub const SELECT_LABEL: &str = $crate::app::tabs::registry::joined!(" "; $($key),+);
        /// What they do, in the help: the titles.
        pub const SELECT_HELP: &str = $crate::app::tabs::registry::joined!(", "; $($title),+);
    };
}
pub(crate) use app_tabs;
