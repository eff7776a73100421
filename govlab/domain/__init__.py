"""Pure rules of GovLab: no Flask, no database. Everything here is unit-tested on its own."""
