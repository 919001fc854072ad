// ecredit._core — the pybind11 module. python/ecredit/__init__.py re-exports it;
// python/ecredit/_core.pyi is its stub (checked with mypy.stubtest in the tests).
//
// One file per concept (pybind11 docs, "Partitioning code over multiple extension
// modules" / "multiple files"), each an init_<concept>() called here in an order where
// every type a signature names is registered before it: errors, id, sample, then the
// Engine class, validation, the registry (and its related-party queries), grading, precheck and repair (the
// last four add their methods to Engine), then the archive (its snapshots are Registry objects and its
// imports return Reports). Results become dicts through one converter, to_py()
// (convert.cpp), from the contract's JSON values; pandas shaping is in
// python/ecredit/_frames.py.
#include <string>

#include "bind.hpp"

namespace ecredit::pybind {
namespace {

void init_engine(py::module_& m) {
  EngineClass(m, "Engine", "A loaded policy pack (immutable; share it freely).")
      .def_static(
          "default", [] { return unconst(Engine::default_engine()); }, "The built-in gz-energy pack.")
      .def_static(
          "load", [](const py::object& path) { return unconst(Engine::load(py::str(path))); },
          py::arg("path"),
          "Load a policy pack folder (with pack.json); PolicyError names file, pointer, line/column.")
      .def_property_readonly("id", &Engine::id)
      .def_property_readonly("version", &Engine::version)
      .def_property_readonly("hash", &Engine::hash, "SHA-256 of the pack's files.")
      .def("__repr__", [](const Engine& e) {
        return "Engine(id='" + e.id() + "', version='" + e.version() + "', hash='" + e.hash().substr(0, 12) +
               "…')";
      });
}

}  // namespace
}  // namespace ecredit::pybind

PYBIND11_MODULE(_core, m) {
  using namespace ecredit::pybind;
  m.doc() = "ecredit native core (use the ecredit package, not this module)";
  m.attr("__version__") = std::string(ecredit::library_version());
  init_errors(m);
  init_id(m);
  init_sample(m);
  init_engine(m);
  init_validate(m);
  init_registry(m);
  init_relations(m);
  init_grading(m);
  init_precheck(m);
  init_repair(m);
  init_archive(m);
}
