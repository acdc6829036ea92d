export { diffSnapshots, listChanges } from './diff';
