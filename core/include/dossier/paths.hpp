// Default locations: the database, the bundled corpus and the gazetteer.
#pragma once

#include <filesystem>
#include <vector>

namespace dossier {

/// $DOSSIER_DB, else $XDG_DATA_HOME/dossier/db, else ~/.local/share/dossier/db.
std::filesystem::path default_database();

/// The bundled corpus folders that exist: corpus/articles and corpus/fetched of the source tree
/// (or $DOSSIER_CORPUS/articles and $DOSSIER_CORPUS/fetched).
std::vector<std::filesystem::path> default_corpus();

/// $DOSSIER_ACTORS, else corpus/actors.tsv of the source tree, else the installed copy; empty
/// when none exists.
std::filesystem::path default_actors();

}  // namespace dossier
