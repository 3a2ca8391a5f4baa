#include "index_app.hpp"

int main(int argc, char** argv) {
    return dossier::index_app::run(argc, argv);
}
