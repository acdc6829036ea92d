/** Moved to the app (the Canvas double ships with it); re-exported so tests keep their imports. */
export * from '../../electron/services/demo-canvas/generate-baseline';
