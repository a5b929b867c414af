/** A table's empty message in readable grey (antd's placeholder grey is below 4.5:1). */
export function EmptyText({ children }: { children: string }) {
  return <div className="lt-table-empty">{children}</div>;
}
