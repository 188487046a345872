/**
 * Dense numeric kernels that are the product: the weighted cross-product {@code X'WX} over
 * column-major data (the hot loop of every Newton-type method at a site) and the pivoted
 * Cholesky solve the hub uses on summed information matrices, with R-style detection of aliased
 * columns. Matrices are flat row-major {@code double[]} of size p*p unless stated otherwise.
 */
package org.medfed.linalg;
