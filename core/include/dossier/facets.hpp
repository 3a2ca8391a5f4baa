// Facet counts over the whole match set. On local databases a spy of our own counts the raw
// values of the slots it needs; a remote shard served by a stock xapian-tcpsrv knows only
// Xapian's built-in spies, so there Xapian's ValueCountMatchSpy counts.
// Either way multi-valued slots are split here, after counting, which keeps the counts exact.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace dossier {

/// facet name -> value -> count
using FacetCounts = std::map<std::string, std::map<std::string, Xapian::doccount>>;

/// The facet names users may ask for, in display order.
const std::vector<std::string>& facet_names();

class RawValueSpy;  // facets.cpp

/// Counts each matching passage once per value (or, with `per_article`, each article once).
class FacetCollector {
  public:
    /// Throws UsageError naming an unknown facet and listing the valid ones.
    FacetCollector(std::vector<std::string> facets, bool per_article);
    ~FacetCollector();
    FacetCollector(FacetCollector&&) noexcept;
    FacetCollector& operator=(FacetCollector&&) noexcept;

    /// Adds the spies to `enquire`; the collector must outlive the get_mset() call. Attach a
    /// fresh collector for each get_mset(): spies accumulate.
    /// `local`: none of the shards `enquire` searches is remote, so our own spy counts (one
    /// call per document for every slot, hash maps). Otherwise Xapian's ValueCountMatchSpy
    /// counts, the only kind a remote shard can run. The counts are the same either way.
    void attach(Xapian::Enquire& enquire, bool local = false);

    FacetCounts counts() const;

  private:
    std::vector<std::string> m_facets;
    bool m_per_article = false;
    std::map<Xapian::valueno, std::unique_ptr<Xapian::ValueCountMatchSpy>> m_spies;
    std::unique_ptr<RawValueSpy> m_local;  // instead of m_spies, on local databases
};

/// The facet values of one stored document, for brute-force checks and tests.
std::vector<std::string> facet_values(const Xapian::Document& doc, std::string_view facet);

/// The value stored in schema::facet_slot: what per-article counting needs in one string.
std::string facet_slot_value(std::string_view article, std::string_view date_key,
                             std::string_view actors_joined, std::string_view speaker,
                             std::string_view kind);

}  // namespace dossier
