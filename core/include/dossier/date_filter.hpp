// Date range filters (--from/--to, `date:` and `year:` ranges) as boolean terms where that is
// fast. Xapian 1.4 evaluates a value range by reading the date slot of passage after passage:
// 8-10 ms of CPU at SOTU x20 for any range, where an OR of a few year terms costs well under
// 1 ms. The terms cover exactly the passages the value range would (docs/performance.md).
#pragma once

#include <string>
#include <string_view>

#include <xapian.h>

namespace dossier {

/// A range wider than this many terms is left to the value range: an OR of hundreds of terms
/// costs more than reading the slot (at SOTU x20: 230 year terms 11.6 ms, value range 8.4 ms;
/// 90 year terms 5.6 ms against 9.5 ms).
inline constexpr std::size_t max_date_terms = 128;

/**
 * The passages of `db` dated within [lo, hi], sort keys as range_lower_key and range_upper_key
 * make them ("" for an open end). Whole years inside the range become year terms, whole months
 * of the two boundary years month terms and the days of the boundary months day terms, all read
 * from the database's term list, OR-ed without weight. Undated passages never match. Falls back
 * to a value range on `slot` when the database has no day terms (schema before 5) or the range
 * needs more than max_date_terms terms.
 */
Xapian::Query date_range_query(const Xapian::Database& db, Xapian::valueno slot,
                               const std::string& lo, const std::string& hi);

}  // namespace dossier
