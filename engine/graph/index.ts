export { RoadGraph, type GraphMeta } from './road-graph.js';
export { GraphBuilder, type RoadSegmentInput } from './graph-builder.js';
export { EdgeFlag, ROAD_CLASSES, DEFAULT_SPEED_KMH, roadClassCode, roadClassName, type RoadClassName } from './road-class.js';
export { CoordKind, FORMAT_VERSION } from './format.js';
