/**
 * The model-frame handshake every formula-based method starts with: a first round in which each
 * site releases only schema metadata (which referenced columns are numeric or text, and which
 * factor levels occur among its complete rows), and the hub's harmonization of those into one
 * {@link org.medfed.methods.frame.FrameSpec} — the union of levels in R's order, or the order the
 * analyst gave — so that every site builds identical design columns. Also what the model rounds
 * after it declare at a site ({@link org.medfed.methods.frame.ModelRounds}) and the one line every
 * such result prints about each site's rows ({@link org.medfed.methods.frame.SiteRows}).
 */
package org.medfed.methods.frame;
