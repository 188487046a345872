/**
 * Figures for a clinician's slide, as PNG and SVG: a forest plot of regression coefficients
 * ({@link org.medfed.plot.ForestPlot}), a ROC curve ({@link org.medfed.plot.RocPlot}), a calibration
 * plot ({@link org.medfed.plot.CalibrationPlot}), histograms ({@link org.medfed.plot.HistogramPlot}) and
 * Kaplan–Meier curves with a numbers-at-risk table ({@link org.medfed.plot.KaplanMeierPlot}), a
 * scree plot of principal components ({@link org.medfed.plot.ScreePlot}) and a loadings plot of two
 * of them ({@link org.medfed.plot.LoadingsPlot}), written by {@link org.medfed.plot.PlotFiles}. Each plot is a record of plain numbers and labels;
 * nothing here knows a method, a result type or JSON, and nothing here computes a statistic: the
 * caller passes what to draw. Charts are drawn with JFreeChart (the forest plot, which chart
 * libraries draw poorly, directly with Java2D) onto a Graphics2D that is either an image or
 * VectorGraphics2D's SVG recorder, so the PNG and the SVG are the same picture. Headless only.
 */
package org.medfed.plot;
