//! Colours and emphasis. With `NO_COLOR` set every style keeps its modifiers
//! (bold, reversed) and drops its colour, so nothing depends on colour alone.

use ratatui::style::{Color, Modifier, Style};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// Colour unless the `NO_COLOR` convention asks for none (https://no-color.org).
    pub fn from_env() -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Self { color: !no_color }
    }

    fn paint(&self, style: Style, color: Color) -> Style {
        if self.color { style.fg(color) } else { style }
    }

    pub fn base(&self) -> Style {
        Style::default()
    }

    pub fn title(&self) -> Style {
        self.paint(Style::default().add_modifier(Modifier::BOLD), Color::Cyan)
    }

    pub fn dim(&self) -> Style {
        self.paint(Style::default(), Color::DarkGray)
    }

    pub fn key(&self) -> Style {
        self.paint(Style::default().add_modifier(Modifier::BOLD), Color::Yellow)
    }

    pub fn selected(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }

    pub fn active_tab(&self) -> Style {
        self.paint(
            Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            Color::Cyan,
        )
    }

    pub fn warning(&self) -> Style {
        self.paint(Style::default().add_modifier(Modifier::BOLD), Color::Yellow)
    }

    /// Up is green and down is red; the arrow beside the number says the same.
    pub fn change(&self, value: f64) -> Style {
        let color = if value > 0.05 {
            Color::Green
        } else if value < -0.05 {
            Color::Red
        } else {
            Color::Gray
        };
        self.paint(Style::default(), color)
    }

    pub fn exports(&self) -> Style {
        self.paint(Style::default(), Color::LightBlue)
    }

    pub fn imports(&self) -> Style {
        self.paint(Style::default(), Color::LightMagenta)
    }

    pub fn total(&self) -> Style {
        self.paint(Style::default(), Color::LightYellow)
    }

    /// The pair compared with the one shown (`+`).
    pub fn compared(&self) -> Style {
        self.paint(Style::default(), Color::LightGreen)
    }

    pub fn bar(&self) -> Style {
        self.paint(Style::default(), Color::Cyan)
    }
}
