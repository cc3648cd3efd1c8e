// The built-in modules: one export per module (its typed task builder) and its argument type.
