// Which bytes of a passage to highlight: the words whose index term matched the query. Returns
// ranges; each output format decides how to mark them.
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dossier/analyzer.hpp"

namespace dossier {

using ByteRange = std::pair<std::size_t, std::size_t>;  // [begin, end)

/// Ranges of the words of `text` whose term is in `terms`; a term ending in '*' matches any
/// term it prefixes (wildcards). Ranges are in order and never overlap.
std::vector<ByteRange> highlight_ranges(std::string_view text, const std::set<std::string>& terms,
                                        const Analyzer& analyzer);

}  // namespace dossier
