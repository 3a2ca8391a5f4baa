// Article dates: parsing the forms DESIGN.md accepts, and their sortable and printed forms.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace dossier {

/// A calendar date of known precision: month and day are 0 when unknown (a year-only date).
struct Date {
    int year = 0;
    int month = 0;  // 1..12, or 0
    int day = 0;    // 1..31, or 0

    /// "YYYY-MM-DD", "YYYY-MM" or "YYYY": what users see and JSON carries.
    std::string to_string() const;
    /// "YYYYMMDD" with "00" for unknown parts: sorts correctly as bytes (value slot).
    std::string sort_key() const;
    auto operator<=>(const Date&) const = default;
};

/// Parses "2026-01-24", "2026-01", "2026", "Jan 24, 2026", "January 24 2026", "24 January 2026",
/// "24 Jan. 2026" (surrounding blanks and quotes ignored). Returns nullopt for anything else,
/// including impossible dates such as 2026-02-31.
std::optional<Date> parse_date(std::string_view text);

/// Bounds for a range filter: a partial date covers its whole period, so "2019" as a lower bound
/// is "20190000" and as an upper bound "20199999". Throws UsageError naming `text` when invalid.
std::string range_lower_key(std::string_view text);
std::string range_upper_key(std::string_view text);

}  // namespace dossier
