// Fuzzes date parsing: parse_date never crashes, what it accepts is a real calendar date that
// prints and parses back to itself, and range bounds either work or throw UsageError.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "dossier/date.hpp"
#include "dossier/errors.hpp"

namespace {
bool leap(int y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}
int days_in(int y, int m) {
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : days[m - 1];
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    if (auto d = dossier::parse_date(text)) {
        if (d->month < 0 || d->month > 12 || d->day < 0) __builtin_trap();
        if (d->day > 0 && (d->month == 0 || d->day > days_in(d->year, d->month))) __builtin_trap();
        auto again = dossier::parse_date(d->to_string());
        if (!again || *again != *d) __builtin_trap();
        if (d->sort_key().size() != 8) __builtin_trap();
    }
    try {
        std::string lo = dossier::range_lower_key(text);
        std::string hi = dossier::range_upper_key(text);
        if (lo > hi) __builtin_trap();
    } catch (const dossier::UsageError&) {
    }
    return 0;
}
