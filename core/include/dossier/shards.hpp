// A database split into shards: DIR/shard-0 .. DIR/shard-(N-1), each an ordinary Dossier
// database holding whole articles, and DIR/XAPIANDB, the Xapian stub file that opens them as one.
#pragma once

#include <filesystem>
#include <vector>

#include "dossier/index_writer.hpp"

namespace dossier {

/// The stub file inside a sharded database folder (Xapian opens a folder holding one as a stub).
inline constexpr const char* shard_stub_name = "XAPIANDB";

/// The shard folders listed by DIR/XAPIANDB, in order; empty when DIR is not sharded.
std::vector<std::filesystem::path> shard_paths(const std::filesystem::path& db);

/// Builds or updates `shards` shard databases under `options.db`, then writes the stub. Throws
/// UsageError when `options.db` already holds a single database or a different shard count.
BuildSummary build_sharded(BuildOptions options, unsigned shards, BuildObserver& observer);

/// Merges the shards of `db` into one compact database at `out` (Xapian's compactor), with the
/// per-file manifests of the shards combined, so the result is an ordinary Dossier database.
void compact_shards(const std::filesystem::path& db, const std::filesystem::path& out);

}  // namespace dossier
