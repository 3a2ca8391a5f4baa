#include "dossier/date_filter.hpp"

#include <charconv>
#include <vector>

#include "dossier/schema.hpp"

namespace dossier {
namespace {

// Sort keys are "YYYYMMDD" with "00" for an unknown month or day; upper bounds use "99".
struct KeyRange {
    std::string lo, hi;

    bool contains(const std::string& key) const { return lo <= key && key <= hi; }
    bool covers(const std::string& first, const std::string& last) const {
        return lo <= first && last <= hi;
    }
    bool misses(const std::string& first, const std::string& last) const {
        return last < lo || hi < first;
    }
};

// Collects the terms; gives up (returns false) once there are more than max_date_terms.
class TermSet {
  public:
    bool add(std::string term) {
        m_terms.emplace_back(std::move(term));
        return m_terms.size() <= max_date_terms;
    }
    Xapian::Query query() const {
        if (m_terms.empty()) return Xapian::Query::MatchNothing;
        // Filters weigh nothing: scaled to 0 so a weighting scheme never scores a boolean term.
        return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                             Xapian::Query(Xapian::Query::OP_OR, m_terms.begin(), m_terms.end()),
                             0.0);
    }

  private:
    std::vector<std::string> m_terms;
};

// The value after `prefix` of each term of `db` starting with `prefix` + `start`.
template <typename F>
bool for_each_term(const Xapian::Database& db, std::string_view prefix, const std::string& start,
                   F&& visit) {
    const std::string full = std::string(prefix) + start;
    for (auto t = db.allterms_begin(full); t != db.allterms_end(full); ++t) {
        if (!visit(*t, (*t).substr(prefix.size()))) return false;
    }
    return true;
}

// A boundary month: its day terms (D + the full key) inside the range.
bool add_days(const Xapian::Database& db, const KeyRange& range, const std::string& yyyymm,
              TermSet& out) {
    return for_each_term(db, schema::day, yyyymm, [&](const std::string& term, std::string key) {
        if (range.contains(key)) return out.add(term);
        return true;
    });
}

// A boundary year: whole months as month terms, the others day by day; dates known only to the
// year ("YYYY0000") through their day term.
bool add_months(const Xapian::Database& db, const KeyRange& range, const std::string& yyyy,
                TermSet& out) {
    const std::string year_only = yyyy + "0000";
    if (range.contains(year_only)) {
        const std::string term = schema::term(schema::day, year_only);
        if (db.term_exists(term) && !out.add(term)) return false;
    }
    return for_each_term(db, schema::month, yyyy, [&](const std::string& term, std::string mm) {
        if (mm.size() != 6) return true;
        if (range.covers(mm + "00", mm + "99")) return out.add(term);
        if (range.misses(mm + "00", mm + "99")) return true;
        return add_days(db, range, mm, out);
    });
}

}  // namespace

Xapian::Query date_range_query(const Xapian::Database& db, Xapian::valueno slot,
                               const std::string& lo, const std::string& hi) {
    auto value_range = [&] {
        if (lo.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, hi);
        if (hi.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, lo);
        return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, lo, hi);
    };
    // Day terms arrived with schema 5; shards of one build share their schema.
    const std::string version = db.get_metadata(std::string(schema::meta_schema));
    int number = 0;
    const auto parsed = std::from_chars(version.data(), version.data() + version.size(), number);
    if (parsed.ec != std::errc() || number < 5) return value_range();

    const KeyRange range{lo.empty() ? std::string("00000000") : lo,
                         hi.empty() ? std::string("99999999") : hi};
    TermSet terms;
    const bool fits =
        for_each_term(db, schema::year, "", [&](const std::string& term, std::string yyyy) {
            if (range.covers(yyyy + "0000", yyyy + "9999")) return terms.add(term);
            if (range.misses(yyyy + "0000", yyyy + "9999")) return true;
            return add_months(db, range, yyyy, terms);
        });
    return fits ? terms.query() : value_range();
}

}  // namespace dossier
