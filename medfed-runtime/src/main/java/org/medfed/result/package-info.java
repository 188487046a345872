/**
 * What every runtime adds to a method's result: the privacy block (what was released, how it was
 * aggregated, how many rounds) and the provenance block (software version, runtime, job). The
 * simulator and the hub use the same code, so their results differ only in these blocks.
 */
package org.medfed.result;
