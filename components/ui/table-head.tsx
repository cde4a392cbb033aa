/** The header row of a data table: one column header per title. */
export function TableHead({ titles }: { titles: string[] }) {
  return (
    <thead>
      <tr className="border-b border-line">
        {titles.map((title) => (
          <th key={title} scope="col" className="py-2 pr-4">
            {title}
          </th>
        ))}
      </tr>
    </thead>
  );
}
