package org.medfed.formula;

/** How a site stores a column: numbers, or text (which a formula turns into a factor). */
public enum VariableKind {
    NUMERIC,
    TEXT
}
