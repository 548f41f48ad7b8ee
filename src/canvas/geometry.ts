/** Fixed measures of the journey grid, in canvas pixels. */
export const GRID = {
  laneLabelWidth: 184,
  stageHeaderHeight: 72,
  cardWidth: 208,
  cardHeight: 76,
  cardGap: 10,
  cellPadding: 12,
  emotionLaneHeight: 260,
  /** A cell never shows more rows than this before the stage widens into another card column. */
  maxRowsBeforeWidening: 3,
  maxCardColumns: 4,
} as const;
