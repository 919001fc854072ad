#include "io/csv.hpp"
