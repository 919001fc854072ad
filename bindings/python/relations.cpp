// ecredit._core: related parties (relations.hpp) — Registry.related() (a DataFrame made by
// python/ecredit/_frames.py), Registry.beneficial_owners() (a list of dicts) — and
// Engine.appointment_check() (appointment.hpp).
#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <vector>

#include "bind.hpp"

namespace ecredit::pybind {

void init_relations(py::module_& m) {
  py::class_<Registry, RegistryPtr> cls = m.attr("Registry");
  cls.def(
         "related",
         [](const Registry& r, const std::string& party, py::handle as_of,
            std::optional<std::vector<std::string>> roles, std::size_t hops) {
           RelatedOptions o;
           if (roles) o.roles = *roles;
           o.hops = hops;
           const date::sys_days day = as_day(as_of, "as_of");
           std::vector<RelatedParty> rows;
           {
             py::gil_scoped_release release;
             rows = related(r, party, day, o);
           }
           py::list party_id, party_kind, uscc, role, n, path;
           for (const RelatedParty& x : rows) {
             party_id.append(x.party_id);
             party_kind.append(x.party_kind);
             uscc.append(x.uscc);
             role.append(x.role);
             n.append(x.hops);
             path.append(py::cast(x.path));
           }
           py::dict cols;
           cols["party_id"] = party_id;
           cols["party_kind"] = party_kind;
           cols["uscc"] = uscc;
           cols["role"] = role;
           cols["hops"] = n;
           cols["path"] = path;
           return frames().attr("related")(cols);
         },
         py::arg("party"), py::arg("as_of"), py::arg("roles") = py::none(), py::arg("hops") = 1,
         "Relations in force on `as_of` within `hops` of `party` (a USCC or a person's ID number),\n"
         "nearest first: a DataFrame with columns party_id, party_kind, uscc, role, hops, path (the\n"
         "ids from `party` to the relation's far end). `roles` limits them to those roles\n"
         "(code table relation_role). Person IDs are not masked: this is data, not a report.")
      .def(
          "beneficial_owners",
          [](const Registry& r, const std::string& uscc, py::handle as_of, double threshold) {
            const date::sys_days day = as_day(as_of, "as_of");
            BeneficialOwners b;
            {
              py::gil_scoped_release release;
              b = beneficial_owners(r, uscc, day, threshold);
            }
            py::list out;
            for (const BeneficialOwner& o : b.owners) {
              py::dict d;
              d["party_id"] = o.party_id;
              d["share"] = o.share;
              d["paths"] = py::cast(o.paths);
              d["party_name"] = o.party_name;
              d["reasons"] = py::cast(o.reasons);
              out.append(d);
            }
            // what the data could not tell is said, not dropped
            for (const std::string& note : b.notes)
              if (PyErr_WarnEx(PyExc_UserWarning, ("beneficial_owners(" + b.uscc + "): " + note).c_str(),
                               1) != 0)
                throw py::error_already_set();
            return out;
          },
          py::arg("uscc"), py::arg("as_of"), py::arg("threshold") = 0.25,
          "Natural persons holding at least `threshold` of `uscc` directly or through companies\n"
          "(shares multiply along a chain and add across chains), or with actual control — the\n"
          "beneficial owners of 受益所有人信息管理办法 (令〔2024〕第3号: 25 %). A list of dicts:\n"
          "party_id, share, paths (each: the person first, the subject last), party_name, reasons\n"
          "(share / actual_controller / declared). What the data cannot tell (a shareholder without\n"
          "a share, shares adding up to more than 1) comes as a UserWarning.");

  py::class_<AppointmentCheck>(m, "AppointmentCheck",
                               "May a person serve in a role on a day (appointment.json): status allowed,\n"
                               "barred or undetermined, with the reasons, their facts and basis.")
      .def_readonly("status", &AppointmentCheck::status)
      .def_property_readonly("allowed", &AppointmentCheck::allowed, "status == 'allowed'")
      .def_readonly("person_id", &AppointmentCheck::person_id)
      .def_readonly("role", &AppointmentCheck::role)
      .def_property_readonly("as_of", [](const AppointmentCheck& c) { return py_date(c.as_of); })
      .def_property_readonly(
          "reasons", [](const AppointmentCheck& c) { return to_py(contract::to_value(c, true)["reasons"]); },
          "The grounds that bar or cannot be decided, barred first: dicts with ground, title,\n"
          "outcome (barred / undetermined), why, until (ISO date or None), facts, basis.")
      .def_property_readonly(
          "unchecked",
          [](const AppointmentCheck& c) { return to_py(contract::to_value(c, true)["unchecked"]); },
          "The grounds the registry holds no data for (e.g. civil capacity): not checked.")
      .def_readonly("basis", &AppointmentCheck::basis)
      .def(
          "to_dict",
          [](const AppointmentCheck& c, bool unmasked) { return to_py(contract::to_value(c, unmasked)); },
          py::kw_only(), py::arg("unmasked") = false,
          "The check as the contract's appointment-check document (the person's ID masked unless\n"
          "unmasked=True).")
      .def("__repr__", [](const AppointmentCheck& c) {
        return "AppointmentCheck(status='" + c.status + "', role='" + c.role +
               "', reasons=" + std::to_string(c.reasons.size()) + ")";
      });

  engine_class(m).def(
      "appointment_check",
      [](const EnginePtr& e, const RegistryPtr& r, const std::string& person_id, const std::string& role,
         py::handle as_of) {
        const date::sys_days day = as_day(as_of, "as_of");
        py::gil_scoped_release release;
        return appointment_check(*e, *r, person_id, role, day);
      },
      py::arg("registry"), py::arg("person_id"), py::arg("role"), py::arg("as_of"),
      "May `person_id` serve as `role` (legal_representative, director, supervisor,\n"
      "senior_manager) on `as_of`, by the pack's appointment.json (公司法 第一百七十八条,\n"
      "市场主体登记管理条例 第十二条): an AppointmentCheck. What the data cannot tell (personal\n"
      "responsibility not recorded) makes it 'undetermined', said in the reason.");
}

}  // namespace ecredit::pybind
