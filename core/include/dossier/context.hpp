// Reading around a hit: a passage by its id, the passages before and after it in its article
// (`-C N`) and a whole article in order (`dossier-query show`). Everything comes from the
// documents' stored data, never from the corpus files.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "dossier/searcher.hpp"

namespace dossier {

/// A passage from its stored document data (schema: the JSON written by the index writer);
/// rank, score and highlights are left empty.
Hit passage_from_data(const std::string& data);

/// The article-id term of `article_id`, as the index writer adds it (hashed when too long).
std::string article_term(std::string_view article_id);

/// The passage with this id ("<article>#<ordinal>"), or nullopt.
std::optional<Hit> find_passage(const Xapian::Database& db, std::string_view passage_id);

/// Every passage of the article, headings included, in order; empty when there is no such
/// article.
std::vector<Hit> article_passages(const Xapian::Database& db, std::string_view article_id);

/// Fills `before` and `after` of each hit with up to `n` passages of the same article on each
/// side, fetched by passage id.
void add_context(const Xapian::Database& db, std::vector<Hit>& hits, unsigned n);

}  // namespace dossier
