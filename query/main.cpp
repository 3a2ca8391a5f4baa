#include "query_app.hpp"

int main(int argc, char** argv) {
    return dossier::query_app::run(argc, argv);
}
