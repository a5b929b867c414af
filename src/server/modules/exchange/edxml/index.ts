// edXML (QCVN 102:2016/BTTTT, SĐ1:2022) packages and status packets.
export * from './edoc.ts';
export { EDXML_NS, EdxmlError } from './xml.ts';
