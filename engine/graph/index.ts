export { RoadGraph, type GraphMeta } from './road-graph.js';
export { GraphBuilder, type RoadSegmentInput } from './graph-builder.js';
export { EdgeFlag, ROAD_CLASSES, DEFAULT_SPEED_KMH, roadClassCode, roadClassName, type RoadClassName } from './road-class.js';
export { CoordKind, FORMAT_VERSION } from './format.js';
export { EdgeSnapper, type SnapResult, type SnapOptions } from './edge-snapper.js';
export { positionOnTwin, type EdgePosition } from './edge-position.js';
export { toGraphology, type RoadGraphology, type RoadEdgeAttributes, type RoadNodeAttributes } from './to-graphology.js';
export { roadGraphToGraphML, roadGraphToGexf } from './graph-interchange.js';
